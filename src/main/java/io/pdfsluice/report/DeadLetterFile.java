package io.pdfsluice.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.outbox.Outbox;

/**
 * The dead letters of one batch, streamed to a hidden {@code .part} file as they happen (a manifest with a million
 * failures needs no memory for them), then published under their name in the outbox when the batch ends, or
 * dropped when a queue message fails as a whole and comes again.
 */
final class DeadLetterFile {

    private final Path part;
    private final String name;
    private final ObjectMapper json;
    private BufferedWriter writer;

    /**
     * @param part where the letters are written while the batch is open
     * @param name what they are published as, relative to the outbox: &lt;stem&gt;.failures.jsonl
     */
    DeadLetterFile(Path part, String name, ObjectMapper json) {
        this.part = part;
        this.name = name;
        this.json = json;
    }

    synchronized void write(DeadLetter letter) throws IOException {
        if (writer == null) {
            Files.createDirectories(part.getParent());
            writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        }
        writer.write(json.writeValueAsString(letter));
        writer.newLine();
    }

    /** Publishes the letters in the outbox; false when there were none. */
    synchronized boolean publish(Outbox outbox) throws IOException {
        if (writer == null) {
            return false;
        }
        writer.close();
        writer = null;
        outbox.publish(part, name);
        return true;
    }

    /** Lets the letters go, unpublished: the batch's input comes again and writes its own. */
    synchronized void drop() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            Files.deleteIfExists(part);
        }
    }
}
