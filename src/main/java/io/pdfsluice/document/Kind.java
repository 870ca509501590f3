package io.pdfsluice.document;

/** What a document is made of, which decides the API call and the output. */
public enum Kind {
    MARKDOWN,
    HTML,
    PDF
}
