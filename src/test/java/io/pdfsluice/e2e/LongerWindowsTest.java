package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** A custom plan with two windows: both are enforced together, so the API never has to say 429. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "windows"), @ResourceArg(name = "limits", value = "5/1s,8/4s") })
class LongerWindowsTest {

    static final Path INBOX = Folders.inbox("windows");
    static final Path OUTBOX = Folders.outbox("windows");

    @Test
    void everyWindowOfTheCustomPlanIsRespectedAtOnce() throws IOException {
        ApiEmulator api = HostedApi.emulator();
        api.limits(new Window(5, 1000), new Window(8, 4000));
        Drop.text(INBOX, "two.jsonl", Manifests.jsonl("two", 12));
        assertEquals(12, report(OUTBOX, "two").get("ok").asInt());
        assertEquals(0, api.count(429), () -> api.requests().toString());
        assertTrue(api.maxAcceptedInAnyWindow(1000) <= 5);
        assertTrue(api.maxAcceptedInAnyWindow(4000) <= 8);
    }
}
