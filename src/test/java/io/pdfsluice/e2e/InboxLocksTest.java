package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The inbox takes a file only through the inboxLocks repository (Camel's idempotent read lock): a file whose key
 * another instance holds stays where it is, and is not unlocked by the instance that skipped it.
 */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, initArgs = @ResourceArg(name = "name", value = "inbox-locks"), restrictToAnnotatedClass = true)
class InboxLocksTest {

    static final Path INBOX = Folders.inbox("inbox-locks");
    static final Path OUTBOX = Folders.outbox("inbox-locks");

    @Inject
    @Named("inboxLocks")
    IdempotentRepository inboxLocks;

    @Test
    void aFileLockedInTheInboxLocksRepositoryIsLeftToItsHolder() throws IOException {
        Path file = INBOX.resolve("held.md");
        String lock = file.toString(); // the read lock's key: the file's absolute path
        assertTrue(inboxLocks.add(lock), "another instance takes the file first");
        Drop.text(INBOX, "held.md", "# Held elsewhere");
        Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(file) && !Files.exists(OUTBOX.resolve("held.pdf")));
        assertTrue(inboxLocks.remove(lock), "that instance lets go of it");
        awaitFile(INBOX.resolve(".done/held.md"));
        assertPdf(OUTBOX.resolve("held.pdf"), 1, "Held elsewhere");
    }
}
