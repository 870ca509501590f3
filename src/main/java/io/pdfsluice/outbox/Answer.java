package io.pdfsluice.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;
import io.pdfsluice.provider.ApiException;

/**
 * Judges a 2xx answer by its bytes before anything is written: a Markdown or HTML document must come back as a PDF,
 * a PDF as page images (one image, or a ZIP of them). An answer whose bytes are something else, or whose
 * Content-Type claims another format than its bytes show, fails the document (not retried: the same request would
 * get the same answer). Sets {@link #KIND} ("pdf", "zip" or "image") for the route and {@link #FORMAT}.
 */
@ApplicationScoped
@Named("answer")
public class Answer {

    public static final String KIND = "sluiceAnswer";
    public static final String FORMAT = "sluiceAnswerFormat";

    public void judge(Exchange exchange) throws IOException {
        Document d = exchange.getProperty("document", Document.class);
        Message m = exchange.getMessage();
        String label = m.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        byte[] head = head(m);
        Format bytes = Format.of(head, head.length);
        Format claimed = Format.claimedBy(label);
        String answer = "the answer for " + d.describe();
        if (head.length == 0) {
            throw new ApiException.Rejected(200, answer + " is empty");
        }
        if (claimed != null && claimed != bytes) {
            throw new ApiException.Rejected(200, answer + " is labelled " + label + " but its bytes are "
                    + Format.describe(bytes));
        }
        boolean expected = d.kind() == Kind.PDF ? bytes != null && bytes != Format.PDF : bytes == Format.PDF;
        if (!expected) {
            throw new ApiException.Rejected(200, answer + " is " + Format.describe(bytes) + " ("
                    + (label.isEmpty() ? "untyped" : label) + "), not " + (d.kind() == Kind.PDF
                            ? "page images"
                            : "a PDF"));
        }
        exchange.setProperty(KIND, bytes == Format.PDF ? "pdf" : bytes == Format.ZIP ? "zip" : "image");
        exchange.setProperty(FORMAT, bytes);
        m.setHeader(Exchange.CONTENT_TYPE, bytes.mediaType());
    }

    /** The first bytes of the body, leaving the body readable from its start. */
    private static byte[] head(Message m) throws IOException {
        Object body = m.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] b) {
            return Arrays.copyOf(b, Math.min(b.length, Format.HEAD));
        }
        StreamCache cache = body instanceof StreamCache sc ? sc : m.getBody(StreamCache.class);
        if (cache == null) {
            byte[] all = m.getBody(byte[].class);
            m.setBody(all);
            return all == null ? new byte[0] : Arrays.copyOf(all, Math.min(all.length, Format.HEAD));
        }
        m.setBody(cache);
        cache.reset();
        if (!(cache instanceof InputStream in)) {
            byte[] all = m.getBody(byte[].class);
            return Arrays.copyOf(all, Math.min(all.length, Format.HEAD));
        }
        byte[] head = in.readNBytes(Format.HEAD);
        cache.reset();
        return head;
    }
}
