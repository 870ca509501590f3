package io.pdfsluice.emulator;

/** At most {@code limit} accepted requests in any {@code periodMs} milliseconds, per API key. */
public record Window(int limit, long periodMs) {

    public Window {
        if (limit < 1 || periodMs < 1) {
            throw new IllegalArgumentException("a window needs limit >= 1 and periodMs >= 1, not " + limit + "/"
                    + periodMs);
        }
    }
}
