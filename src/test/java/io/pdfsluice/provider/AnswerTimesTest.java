package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The learned response timeout (issue 19): a quantile of the answer times times a factor, on a ladder, bounded. */
class AnswerTimesTest {

    record Timeout(boolean learn, double quantile, double factor, long floorMs, int samples)
            implements
                ApiConfig.Timeout {
    }

    static AnswerTimes.Recent times(long... ms) {
        AnswerTimes.Recent recent = new AnswerTimes.Recent();
        for (long t : ms) {
            recent.add(t);
        }
        return recent;
    }

    @Test
    void theQuantileIsOfTheLastAnswersAndWaitsForEnoughOfThem() {
        AnswerTimes.Recent recent = times(100, 120, 110, 900);
        assertEquals(-1, recent.quantileMs(0.99, 5), "four answers are not enough for five samples");
        recent.add(130);
        assertEquals(900, recent.quantileMs(0.99, 5));
        assertEquals(120, recent.quantileMs(0.5, 5));
        for (int i = 0; i < 256; i++) {
            recent.add(200);
        }
        assertEquals(200, recent.quantileMs(0.99, 5), "the slow one has left the last 256");
    }

    @Test
    void theTimeoutIsTheQuantileTimesTheFactorOnTheLadderWithinFloorAndCeiling() {
        AnswerTimes times = new AnswerTimes(new Timeout(true, 0.99, 4, 2_000, 3), 120_000);
        assertEquals(120_000, times.timeoutMs("blink|MARKDOWN"), "nothing known: the configured timeout");
        record(times, "blink|MARKDOWN", 100, 150, 200);
        assertEquals(2_000, times.timeoutMs("blink|MARKDOWN"), "4 x 200 ms is under the floor");
        record(times, "blink|PDF", 1_500, 1_800, 2_100);
        assertEquals(13_000, times.timeoutMs("blink|PDF"), "4 x 2.1 s = 8.4 s, up to the ladder's 13 s");
        AnswerTimes low = new AnswerTimes(new Timeout(true, 0.99, 4, 2_000, 3), 10_000);
        record(low, "x", 2_100, 2_100, 2_100);
        assertEquals(10_000, low.timeoutMs("x"), "never above the configured timeout");
    }

    static void record(AnswerTimes times, String key, long... ms) {
        for (long t : ms) {
            times.record(key, t);
        }
    }
}
