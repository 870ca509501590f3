package io.pdfsluice.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * outbox/&lt;stem&gt;.report.json: what became of every document of one inbox file: counts, the documents each provider
 * delivered, the first 1000 failures.
 */
@RegisterForReflection
public record Report(String file, int documents, int ok, int skipped, int failed,
        @JsonProperty("elapsed_s") double elapsedSeconds, @JsonProperty("docs_per_s") double docsPerSecond,
        @JsonProperty("delivered_by") Map<String, Integer> deliveredBy, List<Failure> failures) {

    @RegisterForReflection
    public record Failure(String id, String where, String reason) {
    }
}
