package io.pdfsluice.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.pdfsluice.report.FailedDocuments;

/**
 * An inbox file that is a symbolic link is not read: its target can be any file this process may read (a key,
 * another team's folder), named by whoever may write into the inbox, and its contents would go to the API. The link
 * itself is filed under .failed/ (its target stays where it is), with the reason in the log, and a run-once exits 1.
 */
@ApplicationScoped
@Named("inboxLinks")
public class InboxLinks {

    private static final Logger LOG = Logger.getLogger(InboxLinks.class);

    @Inject
    FailedDocuments failedDocuments;

    /** Whether the inbox file in the exchange is a symbolic link: then it is reported, and the route files it. */
    public boolean refuses(Exchange exchange) {
        Path file = exchange.getMessage().getBody(File.class).toPath();
        if (!Files.isSymbolicLink(file)) {
            return false;
        }
        String target;
        try {
            target = Files.readSymbolicLink(file).toString();
        } catch (IOException | UnsupportedOperationException e) {
            target = "a target that cannot be read";
        }
        LOG.errorf("%s: not read: it is a symbolic link (to %s), and the inbox reads only the files put into it. The "
                + "link is filed under .failed/ and its target left alone: copy or move the file itself into the inbox",
                file.getFileName(), target);
        failedDocuments.fileNotTaken();
        return true;
    }
}
