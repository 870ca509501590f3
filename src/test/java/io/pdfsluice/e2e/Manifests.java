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
}
