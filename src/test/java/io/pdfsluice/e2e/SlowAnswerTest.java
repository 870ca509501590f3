package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An API that sends its answer a few bytes at a time (each read gets a byte long before the socket timeout): the
 * whole answer is bounded by the call's response timeout, so the document's attempts fail as timeouts, it is
 * dead-lettered, and its file ends, instead of being held for as long as the API cares to trickle.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "slow"), @ResourceArg(name = "response-timeout-ms", value = "1500"),
        @ResourceArg(name = "sluice.retry.attempts", value = "2") })
class SlowAnswerTest {

    static final Path INBOX = Folders.inbox("slow");
    static final Path OUTBOX = Folders.outbox("slow");
    static final Predicate<Recorded> SLOW = r -> r.bodyText().contains("Trickled");

    @Test
    void anAnswerThatTricklesInFailsAtTheResponseTimeoutAndTheFileEnds() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().trickleIf(SLOW, 50); // a PDF of a few KB: a minute or more
        Drop.text(INBOX, "trickled.md", "# Trickled\n\nIts answer comes at 50 bytes a second.");
        Drop.text(INBOX, "quick.md", "# Quick");
        JsonNode report = report(OUTBOX, "trickled");
        assertEquals(1, report.get("failed").asInt(), report::toString);
        String why = report.get("failures").get(0).get("reason").asText();
        assertTrue(why.contains("the answer was still arriving 1500 ms after the request"), why);
        assertEquals(2, api.requests().stream().filter(SLOW).count(), "both attempts went, each cut at its timeout");
        awaitFile(INBOX.resolve(".failed/trickled.md"));
        assertEquals(1, report(OUTBOX, "quick").get("ok").asInt(), "the other file goes on");
        assertFalse(Files.exists(OUTBOX.resolve("trickled.pdf")));
    }
}
