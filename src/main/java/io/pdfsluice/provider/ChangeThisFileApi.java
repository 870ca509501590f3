package io.pdfsluice.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;

/**
 * ChangeThisFile: POST {base}/v1/convert?target=jpg with the raw PDF as body -> image/jpeg for one page,
 * application/zip of page-NNN.jpg for several; a large PDF goes to POST {base}/v1/jobs instead (see AsyncJob);
 * Markdown and HTML go as raw text with target=pdf. With sluice.jobs.callback-url, a job's submission names it
 * (callback_url), and the API calls back when the job has ended (see JobCallbacks).
 */
public class ChangeThisFileApi implements Provider {

    private final Predicate<Path> large;
    private final Optional<String> callbackUrl;

    public ChangeThisFileApi(Predicate<Path> large) {
        this(large, Optional.empty());
    }

    /** @param callbackUrl where the API is to call back when a job has ended (sluice.jobs.callback-url) */
    public ChangeThisFileApi(Predicate<Path> large, Optional<String> callbackUrl) {
        this.large = large;
        this.callbackUrl = callbackUrl;
    }

    @Override
    public String request(Document d, Message m, String baseUrl, String target) {
        if (d.kind() == Kind.PDF) {
            m.setBody(new PdfBody(d.pdf(), d.describe())); // streamed from disk, repeatable on a retry, never through a link
            m.setHeader(Exchange.CONTENT_TYPE, "application/pdf");
            if (!large.test(d.pdf())) {
                m.setHeader(Exchange.HTTP_QUERY, "target=" + target);
                return baseUrl + "/v1/convert";
            }
            m.setHeader(Exchange.HTTP_QUERY, "target=" + target + callbackUrl
                    .map(url -> "&callback_url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)).orElse(""));
            return baseUrl + AsyncJob.SUBMIT_PATH;
        }
        m.setBody(d.text());
        m.setHeader(Exchange.CONTENT_TYPE, d.kind() == Kind.MARKDOWN ? "text/markdown" : "text/html");
        m.setHeader(Exchange.HTTP_QUERY, "target=pdf");
        return baseUrl + "/v1/convert";
    }
}
