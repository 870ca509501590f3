package io.pdfsluice.bench;

import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.Window;

/** The benchmarks' yardstick: the fastest a plan's windows let {@code n} requests through. */
final class Floor {

    private Floor() {
    }

    /** The longest stretch of time needed to send {@code n} requests as fast as every window allows. */
    static long floorMs(Plan plan, long n) {
        long floor = 0;
        for (Window w : plan.windows()) {
            floor = Math.max(floor, ((n - 1) / w.limit()) * w.periodMs());
        }
        return floor;
    }
}
