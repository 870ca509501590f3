package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.awaitFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two inbox files of one name before the extension would write over each other's outputs, report and dead letters:
 * both are filed under .failed/ unread, and the log says why. (Not in InboxTest: it pauses the inbox route, which a
 * test of the packaged app, InboxIT, cannot.)
 */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, initArgs = @ResourceArg(name = "name", value = "clash"), restrictToAnnotatedClass = true)
class NameClashTest {

    static final Path INBOX = Folders.inbox("clash");
    static final Path OUTBOX = Folders.outbox("clash");

    @Inject
    CamelContext camel;

    @Test
    void twoFilesOfOneNameBeforeTheExtensionAreBothFiledUntouchedAndWriteNothing() throws Exception {
        // both are in the inbox when it is next polled: taken in either order, each finds the other
        camel.getRouteController().suspendRoute("inbox");
        try {
            Drop.text(INBOX, "clash.jsonl", "{\"id\":\"c1\",\"markdown\":\"# From JSON lines\"}\n");
            Drop.text(INBOX, "clash.csv", "id,title,markdown\nc1,From CSV,# From CSV\n");
        } finally {
            camel.getRouteController().resumeRoute("inbox");
        }
        awaitFile(INBOX.resolve(".failed/clash.jsonl"));
        awaitFile(INBOX.resolve(".failed/clash.csv"));
        assertEquals("id,title,markdown\nc1,From CSV,# From CSV\n", Files.readString(INBOX.resolve(".failed/clash.csv")));
        for (String written : List.of("clash", "clash.report.json", "clash.failures.jsonl")) {
            assertFalse(Files.exists(OUTBOX.resolve(written)), written);
        }
        String log = Files.readString(Path.of("target/quarkus.log"));
        for (String name : List.of("clash.jsonl", "clash.csv")) {
            assertTrue(log.contains(name + ": not read: "), "the log says why " + name + " was not read");
        }
    }
}
