package io.pdfsluice.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One record of a manifest (a line of JSONL, an element of a JSON array, a row of CSV). {@code raw} is a dead
 * letter's: the text of a record that could not be read, which a re-run reads in its place when there is no body.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentRecord(String id, String title, String markdown, String html, String raw) {
}
