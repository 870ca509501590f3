package io.pdfsluice.report;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One line of outbox/&lt;stem&gt;.failures.jsonl: the failed document's record ({@code id, title, markdown | html},
 * so that the file dropped into the inbox re-runs exactly these documents) plus why it failed. A record that could
 * not be read at all keeps its original text in {@code raw}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String id, String title, String markdown, String html, String raw, String source,
        String where, String reason, Integer status, int attempts, String time) {

    static DeadLetter of(Document d, String reason, Integer status, int attempts) {
        boolean readable = d.text() != null; // an invalid document read from a record keeps its content
        return new DeadLetter(d.id(), readable ? d.title() : null,
                readable && d.kind() == Kind.MARKDOWN ? d.text() : null,
                readable && d.kind() == Kind.HTML ? d.text() : null,
                readable ? null : d.record(), d.source(), d.where(), reason, status, attempts, Instant.now().toString());
    }
}
