package io.pdfsluice.e2e;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Manifests for tests: n Markdown records with ids {@code <prefix>-001} … and matching titles. */
public final class Manifests {

    private Manifests() {
    }

    public static String jsonl(String prefix, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> String.format("{\"id\":\"%s-%03d\",\"title\":\"%s %03d\",\"markdown\":\"# %s %03d\"}",
                        prefix, i, prefix, i, prefix, i))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Markdown of one-line paragraphs, at least {@code chars} long: thousands of pages, seconds of layout. */
    public static String longMarkdown(int chars) {
        StringBuilder markdown = new StringBuilder(chars + 64);
        for (int i = 1; markdown.length() < chars; i++) {
            markdown.append("Line ").append(i).append(" of a document that goes on and on.\n\n");
        }
        return markdown.toString();
    }

    /** Markdown of {@code count} short paragraphs. */
    public static String paragraphs(int count) {
        StringBuilder markdown = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            markdown.append("Paragraph ").append(i).append(".\n\n");
        }
        return markdown.toString();
    }
}
