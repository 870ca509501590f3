package io.pdfsluice.inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.InvalidDocumentException;
import io.pdfsluice.document.Kind;

/**
 * The intake's bound on one document: Markdown or HTML larger than sluice.document.max-bytes, or a PDF larger than
 * sluice.document.max-pdf-bytes, fails at once with its size in the reason, before it takes a place in the plan.
 */
@ApplicationScoped
@Named("documentSize")
public class DocumentSize {

    @Inject
    InboxConfig config;

    public void check(Exchange exchange) throws IOException {
        Document d = exchange.getProperty("document", Document.class);
        if (d.isInvalid()) {
            return;
        }
        if (d.kind() == Kind.PDF) {
            long size = Files.size(d.pdf());
            if (size > config.document().maxPdfBytes()) {
                throw new InvalidDocumentException(d.describe() + ": the PDF is " + size
                        + " bytes, more than sluice.document.max-pdf-bytes=" + config.document().maxPdfBytes());
            }
            return;
        }
        // UTF-8 takes 1 to 3 bytes per char of a Java string: count exactly only near the bound
        long chars = d.text().length();
        long size = chars * 3 <= config.document().maxBytes() ? chars : d.text().getBytes(StandardCharsets.UTF_8).length;
        if (size > config.document().maxBytes()) {
            throw new InvalidDocumentException(d.describe() + ": " + size + " bytes of "
                    + d.kind().name().toLowerCase(java.util.Locale.ROOT) + ", more than sluice.document.max-bytes="
                    + config.document().maxBytes());
        }
    }
}
