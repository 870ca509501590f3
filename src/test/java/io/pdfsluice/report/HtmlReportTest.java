package io.pdfsluice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.pdfsluice.limiter.WindowUse;
import io.pdfsluice.plan.Window;

/**
 * The batch report's chart from the samples FileReport hands it: the counts when the batch began, the scheduled
 * seconds in between and the counts when it ended. A retry or a 429 between any two of them is on the time axis,
 * even one before the first scheduled sample (a batch dropped just after start-up) or after the last.
 */
class HtmlReportTest {

    static final Window SECOND = Window.parse("5/1s");
    static final Report REPORT = new Report("certificates.jsonl", 20, 19, 0, 1, 4.0, 5.0, Map.of("blink", 19),
            List.of(new Report.Failure("cert-07", "call", "cannot render <this>")));

    static PaceLog.Sample counts(long atMs, long retries, long rateLimited) {
        return new PaceLog.Sample(atMs, retries, Map.of("blink", new PaceLog.Provider(List.of(), 0, rateLimited, false)));
    }

    static PaceLog.Sample second(long atMs, long retries, long rateLimited, int used) {
        return new PaceLog.Sample(atMs, retries,
                Map.of("blink", new PaceLog.Provider(List.of(new WindowUse(SECOND, used)), 0, rateLimited, false)));
    }

    static List<String> marks(String html, String kind) {
        Matcher m = Pattern.compile("<line class=\"" + kind + "\" x1=\"([0-9.]+)\"[^>]*><title>([^<]*)</title>")
                .matcher(html);
        List<String> marks = new java.util.ArrayList<>();
        while (m.find()) {
            marks.add(m.group(1) + " " + m.group(2));
        }
        return marks;
    }

    @Test
    void aRetryBeforeTheFirstScheduledSampleIsOnTheAxis() {
        // the app had counted 3 retries before; this batch's came before the scheduler's first second
        String html = HtmlReport.of(REPORT, 1_000,
                List.of(counts(1_000, 3, 0), second(1_400, 4, 0, 5), second(2_400, 4, 0, 5), counts(2_600, 4, 0)));
        assertEquals(List.of("200.0 1 retries"), marks(html, "retry"));
    }

    @Test
    void aRetryAndA429InTheLastSecondAreOnTheAxis() {
        String html = HtmlReport.of(REPORT, 0,
                List.of(counts(0, 0, 0), second(500, 0, 0, 5), second(1_500, 0, 0, 4), counts(2_000, 2, 1)));
        assertEquals(List.of("800.0 2 retries"), marks(html, "retry"));
        assertEquals(List.of("800.0 1 × 429"), marks(html, "rate-limited"));
        assertTrue(html.contains("points=\"200.0,36.3 600.0,60.7\""), "the window's line from the scheduled seconds: "
                + html);
    }

    @Test
    void aBatchShorterThanASecondStillShowsItsRetryWithoutAWindowLine() {
        String html = HtmlReport.of(REPORT, 0, List.of(counts(0, 0, 0), counts(300, 1, 0)));
        assertEquals(List.of("800.0 1 retries"), marks(html, "retry"));
        assertTrue(html.contains("data-provider=\"blink\"") && !html.contains("<polyline"), html);
    }

    /** A batch dropped just after start-up, before the scheduler's first second: its retry is on the axis. */
    @Test
    void aBatchBeforeAnyScheduledSecondKeepsItsRetry() {
        List<PaceLog.Sample> span = PaceLog.overBatch(counts(10_000, 0, 0), List.of(), counts(10_600, 1, 0), false);
        assertEquals(2, span.size());
        assertEquals(List.of("800.0 1 retries"), marks(HtmlReport.of(REPORT, 10_000, span), "retry"));
    }

    /** The log keeps 6 hours: a longer batch's chart starts at the oldest second kept, not with all the lost hours. */
    @Test
    void aBatchLongerThanTheLogStartsAtTheOldestSecondKept() {
        long start = 0;
        long kept = 3 * 3_600_000L;
        List<PaceLog.Sample> span = PaceLog.overBatch(counts(start, 0, 0),
                List.of(second(kept, 900, 40, 5), second(kept + 1_000, 901, 40, 5)), counts(kept + 2_000, 901, 40),
                true);
        assertEquals(kept, span.get(0).atMs());
        String html = HtmlReport.of(REPORT, start, span);
        assertEquals(List.of("400.0 1 retries"), marks(html, "retry"));
        assertEquals(List.of(), marks(html, "rate-limited"));
    }

    /** A scheduled second held up (a busy machine) is no reason to lose the batch's start and its first retry. */
    @Test
    void aLateFirstSecondKeepsTheStart() {
        List<PaceLog.Sample> span = PaceLog.overBatch(counts(0, 0, 0),
                List.of(second(1_700, 1, 0, 5), second(2_700, 1, 0, 5)), counts(4_000, 1, 0), false);
        assertEquals(0, span.get(0).atMs());
        assertEquals(List.of("340.0 1 retries"), marks(HtmlReport.of(REPORT, 0, span), "retry"));
    }

    @Test
    void anOpenBreakerIsGreyFromTheSampleBeforeToTheOneThatSawIt() {
        PaceLog.Sample closed = counts(0, 0, 0);
        PaceLog.Sample open = new PaceLog.Sample(500, 0,
                Map.of("blink", new PaceLog.Provider(List.of(), 0, 0, true)));
        String html = HtmlReport.of(REPORT, 0, List.of(closed, open));
        assertTrue(html.contains("<rect class=\"breaker-open\" x=\"0.0\" y=\"12\" width=\"800.0\""), html);
    }

    @Test
    void aHostileReasonIsEscaped() {
        String html = HtmlReport.of(REPORT, 0, List.of(counts(0, 0, 0), counts(300, 0, 0)));
        assertTrue(html.contains("cannot render &lt;this&gt;") && !html.contains("<this>"), html);
    }
}
