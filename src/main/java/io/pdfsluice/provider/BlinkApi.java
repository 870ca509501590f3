package io.pdfsluice.provider;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.InvalidDocumentException;
import io.pdfsluice.document.Kind;

/**
 * Blink PDF: POST {base}/v1/render with its documented {"markdown", "metadata": {"title"}} -> application/pdf.
 * HTML documents go in "markdown" too: raw HTML is valid CommonMark, and a strict server refuses the undocumented
 * "html" field with 422. Our own engine also takes "html", which renders HTML as HTML (see LocalApi).
 */
public class BlinkApi implements Provider {

    private final ObjectMapper json;
    private final boolean htmlField;

    public BlinkApi(ObjectMapper json) {
        this(json, false);
    }

    BlinkApi(ObjectMapper json, boolean htmlField) {
        this.json = json;
        this.htmlField = htmlField;
    }

    @Override
    public String request(Document d, Message m, String baseUrl, String target) {
        if (d.kind() == Kind.PDF) {
            throw new InvalidDocumentException(d.describe() + ": provider blink renders Markdown and HTML only; "
                    + "use sluice.provider=changethisfile (or local) to turn PDFs into images");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(htmlField && d.kind() == Kind.HTML ? "html" : "markdown", d.text());
        body.put("metadata", Map.of("title", d.title()));
        try {
            m.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Accept", "application/pdf");
        return baseUrl + "/v1/render";
    }
}
