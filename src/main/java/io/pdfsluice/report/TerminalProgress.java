package io.pdfsluice.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * A run-once job on a terminal: one live line per inbox file in progress, at the bottom of the screen (a bar, the
 * counts, the rate and the ETA), redrawn once a second. A log line erases the lines first and is printed where they
 * were ({@link ProgressLines}, the console's filter), so the next redraw comes below it and no log line is drawn
 * over. Without a terminal (a pipe, a file, a container's log) nothing is drawn and the progress log lines stay.
 */
@ApplicationScoped
public class TerminalProgress {

    static final int BAR = 24;
    private static final Object SCREEN = new Object();
    /** The lines drawn at the bottom of the screen now. */
    private static int drawn;
    static PrintStream out = System.out;

    @Inject
    Batches batches;
    @Inject
    ReportConfig config;

    /** True for a run-once job whose output is a terminal (not TERM=dumb). */
    boolean active() {
        return config.runOnce() && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Scheduled(every = "1s", identity = "terminal-progress")
    void redraw() {
        if (active()) {
            draw(batches.files().stream().map(b -> BatchProgress.of(b, "inbox")).sorted(
                    java.util.Comparator.comparing(BatchProgress::name)).map(TerminalProgress::line).toList());
        }
    }

    static void draw(List<String> lines) {
        synchronized (SCREEN) {
            StringBuilder s = new StringBuilder(erasing());
            for (String line : lines) {
                s.append("\033[2K").append(line).append('\n');
            }
            drawn = lines.size();
            out.print(s);
            out.flush();
        }
    }

    /** Before a log line: the progress lines go, so the log line is printed where they were. */
    static void erase() {
        synchronized (SCREEN) {
            if (drawn > 0) {
                out.print(erasing());
                out.flush();
                drawn = 0;
            }
        }
    }

    /** Up to the first line drawn, and clear from there to the end of the screen. */
    private static String erasing() {
        return drawn == 0 ? "" : "\033[" + drawn + "F\033[J";
    }

    /** {@code invoices.jsonl [##########--------------] 412/1000, 3 failed, 9.8 docs/s, ETA 60 s}. */
    static String line(BatchProgress p) {
        String name = p.name().length() > 32 ? p.name().substring(0, 31) + "…" : p.name();
        StringBuilder bar = new StringBuilder("[");
        int full = p.expected() > 0 ? (int) Math.min(BAR, (long) BAR * p.ended() / p.expected()) : 0;
        bar.append("#".repeat(full)).append((p.expected() > 0 ? "-" : "?").repeat(BAR - full)).append(']');
        List<String> parts = new ArrayList<>();
        parts.add(p.ended() + "/" + (p.expected() >= 0 ? String.valueOf(p.expected()) : "?"));
        if (p.failed() > 0) {
            parts.add(p.failed() + " failed");
        }
        parts.add(String.format(Locale.ROOT, "%.1f docs/s", p.rate()));
        if (p.etaSeconds() != null) {
            parts.add(String.format(Locale.ROOT, "ETA %.0f s", p.etaSeconds()));
        }
        return name + " " + bar + " " + String.join(", ", parts);
    }
}
