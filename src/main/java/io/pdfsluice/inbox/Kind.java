package io.pdfsluice.inbox;

/** What a document is made of, which decides the API call and the output. */
public enum Kind {
    MARKDOWN,
    HTML,
    PDF
}
