package io.pdfsluice.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

/** How many documents an inbox file holds, for the progress line's ETA, when that is cheap to know. */
final class ExpectedDocuments {

    private ExpectedDocuments() {
    }

    /** The line count of a JSON Lines or CSV manifest (less its header), 1 for a single document, -1 if unknown. */
    static long in(File file) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jsonl") && !name.endsWith(".ndjson") && !name.endsWith(".csv")) {
            return name.endsWith(".json") ? -1 : 1;
        }
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var in = Files.newInputStream(file.toPath())) {
            for (int n; (n = in.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return name.endsWith(".csv") ? lines - 1 : lines;
    }
}
