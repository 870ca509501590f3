package io.pdfsluice.provider;

import org.apache.camel.Message;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;

/** The embedded engine speaks both shapes: Blink's render for text, ChangeThisFile's convert for PDFs. */
public class LocalApi implements Provider {

    private final Provider render;
    private final Provider convert;

    public LocalApi(Provider render, Provider convert) {
        this.render = render;
        this.convert = convert;
    }

    @Override
    public String request(Document d, Message m, String baseUrl, String target) {
        return (d.kind() == Kind.PDF ? convert : render).request(d, m, baseUrl, target);
    }
}
