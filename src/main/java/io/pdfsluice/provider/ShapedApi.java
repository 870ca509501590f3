package io.pdfsluice.provider;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.InvalidDocumentException;
import io.pdfsluice.document.Kind;
import io.pdfsluice.engine.MarkdownPage;

/**
 * A provider whose request is data (an {@link ApiShape}): funbrew, pdfrelay, gotenberg and custom. They render
 * Markdown and HTML into PDFs; a PDF input is refused clearly, as blink refuses it.
 */
final class ShapedApi implements Provider {

    private final String name;
    private final ApiShape shape;
    private final BiFunction<String, String, String> markdownToHtml;
    private final long minAsyncBytes;

    /**
     * @param markdownToHtml (markdown, title) to a complete HTML page, for APIs that take HTML only
     * @param minAsyncBytes a document this large goes to the shape's async path, if it has one
     */
    ShapedApi(String name, ApiShape shape, BiFunction<String, String, String> markdownToHtml, long minAsyncBytes) {
        this.name = name;
        this.shape = shape;
        this.markdownToHtml = markdownToHtml;
        this.minAsyncBytes = minAsyncBytes;
    }

    @Override
    public String request(Document d, Message m, String baseUrl, String target) {
        if (d.kind() == Kind.PDF) {
            throw new InvalidDocumentException(d.describe() + ": provider " + name + " renders Markdown and HTML "
                    + "only; route PDFs to changethisfile (or local) to turn them into images");
        }
        boolean markdown = d.kind() == Kind.MARKDOWN;
        String html = markdown ? markdownToHtml.apply(d.text(), d.title()) : d.text();
        switch (shape.body()) {
            case JSON -> {
                m.setBody(RequestTemplate.render(shape.template(), Map.of("html", html, "markdown", d.text(),
                        "text", d.text(), "title", d.title(), "id", d.id())));
                m.setHeader(Exchange.CONTENT_TYPE, "application/json");
            }
            case MULTIPART -> multipart(d, m, markdown && !shape.markdownAsHtml() ? null : html);
            case RAW -> {
                boolean asHtml = !markdown || shape.markdownAsHtml();
                m.setBody(asHtml ? html : d.text());
                m.setHeader(Exchange.CONTENT_TYPE, (asHtml ? "text/html" : "text/markdown") + "; charset=UTF-8");
            }
        }
        m.setHeader("Accept", shape.accept());
        if (shape.asyncPath().isPresent() && d.text().length() * 3L >= minAsyncBytes
                && d.text().getBytes(StandardCharsets.UTF_8).length >= minAsyncBytes) {
            m.setHeader("Accept", "application/json");
            return baseUrl + shape.asyncPath().get(); // a job: AsyncJob polls it and downloads its PDF
        }
        String path = markdown && !shape.markdownAsHtml() ? shape.markdownPath().orElse(shape.path()) : shape.path();
        return baseUrl + path;
    }

    /**
     * The document as the file part: HTML as index.html; Markdown (when sent as Markdown) as document.md beside an
     * index.html that includes it, as Gotenberg's markdown route wants ({{ toHTML "document.md" }}).
     */
    private void multipart(Document d, Message m, String html) {
        MultipartEntityBuilder form = MultipartEntityBuilder.create().setCharset(StandardCharsets.UTF_8);
        ContentType htmlType = ContentType.TEXT_HTML.withCharset(StandardCharsets.UTF_8);
        if (html != null) {
            form.addBinaryBody(shape.filePart(), html.getBytes(StandardCharsets.UTF_8), htmlType, "index.html");
        } else {
            String index = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + MarkdownPage.escape(d.title())
                    + "</title></head>\n<body>{{ toHTML \"document.md\" }}</body></html>\n";
            form.addBinaryBody(shape.filePart(), index.getBytes(StandardCharsets.UTF_8), htmlType, "index.html");
            form.addBinaryBody(shape.filePart(), d.text().getBytes(StandardCharsets.UTF_8),
                    ContentType.create("text/markdown", StandardCharsets.UTF_8), "document.md");
        }
        var entity = form.build();
        m.setBody(entity);
        m.setHeader(Exchange.CONTENT_TYPE, entity.getContentType());
    }
}
