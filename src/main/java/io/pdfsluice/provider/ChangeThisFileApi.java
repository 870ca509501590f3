package io.pdfsluice.provider;

import java.nio.file.Path;
import java.util.function.Predicate;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;

/**
 * ChangeThisFile: POST {base}/v1/convert?target=jpg with the raw PDF as body -> image/jpeg for one page,
 * application/zip of page-NNN.jpg for several; a large PDF goes to POST {base}/v1/jobs instead (see AsyncJob);
 * Markdown and HTML go as raw text with target=pdf.
 */
public class ChangeThisFileApi implements Provider {

    private final Predicate<Path> large;

    public ChangeThisFileApi(Predicate<Path> large) {
        this.large = large;
    }

    @Override
    public String request(Document d, Message m, String baseUrl, String target) {
        if (d.kind() == Kind.PDF) {
            m.setBody(d.pdf().toFile()); // streamed from disk, and repeatable on a retry
            m.setHeader(Exchange.CONTENT_TYPE, "application/pdf");
            m.setHeader(Exchange.HTTP_QUERY, "target=" + target);
            return baseUrl + (large.test(d.pdf()) ? AsyncJob.SUBMIT_PATH : "/v1/convert");
        }
        m.setBody(d.text());
        m.setHeader(Exchange.CONTENT_TYPE, d.kind() == Kind.MARKDOWN ? "text/markdown" : "text/html");
        m.setHeader(Exchange.HTTP_QUERY, "target=pdf");
        return baseUrl + "/v1/convert";
    }
}
