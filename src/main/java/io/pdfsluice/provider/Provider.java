package io.pdfsluice.provider;

import org.apache.camel.Message;

import io.pdfsluice.document.Document;

/** One API shape: how a document becomes an HTTP request. Responses are checked the same way for every shape. */
public interface Provider {

    /** Fills in the request: body, Content-Type and anything shape-specific; returns the URL to POST to. */
    String request(Document document, Message message, String baseUrl, String target);
}
