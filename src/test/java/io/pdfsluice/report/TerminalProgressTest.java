package io.pdfsluice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The terminal's live lines: what one says, and that a log line erases them before it is printed. */
class TerminalProgressTest {

    final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @BeforeEach
    void onAScreen() {
        TerminalProgress.erase();
        TerminalProgress.out = new PrintStream(screen, true, StandardCharsets.UTF_8);
    }

    @AfterEach
    void back() {
        TerminalProgress.erase();
        TerminalProgress.out = System.out;
    }

    String printed() {
        String s = screen.toString(StandardCharsets.UTF_8);
        screen.reset();
        return s;
    }

    @Test
    void aLineShowsTheBarTheCountsTheRateAndTheEta() {
        assertEquals("invoices.jsonl [######------------------] 250/1000, 3 failed, 10.0 docs/s, ETA 75 s",
                TerminalProgress.line(new BatchProgress("invoices.jsonl", "inbox", 1000, 240, 7, 3, 25, 10.0, 75.0)));
        assertEquals("big.json [????????????????????????] 12/?, 4.0 docs/s",
                TerminalProgress.line(new BatchProgress("big.json", "inbox", -1, 12, 0, 0, 3, 4.0, null)));
        assertEquals("done.csv [########################] 5/5, 5.0 docs/s",
                TerminalProgress.line(new BatchProgress("done.csv", "inbox", 5, 5, 0, 0, 1, 5.0, null)));
    }

    @Test
    void eachRedrawReplacesTheLastOneAndALogLineErasesThemFirst() {
        TerminalProgress.draw(List.of("a.jsonl 1", "b.jsonl 2"));
        assertEquals("\033[2Ka.jsonl 1\n\033[2Kb.jsonl 2\n", printed());
        TerminalProgress.draw(List.of("a.jsonl 3"));
        assertEquals("\033[2F\033[J\033[2Ka.jsonl 3\n", printed(), "up two lines, cleared, one drawn");
        new ProgressLines().isLoggable(null);
        assertEquals("\033[1F\033[J", printed(), "the log line is printed where the progress was");
        new ProgressLines().isLoggable(null);
        assertEquals("", printed(), "nothing drawn: nothing to erase");
        TerminalProgress.draw(List.of());
        assertEquals("", printed());
    }
}
