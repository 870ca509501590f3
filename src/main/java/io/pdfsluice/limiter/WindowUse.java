package io.pdfsluice.limiter;

import io.pdfsluice.plan.Window;

/** One window of the plan right now: its requests in flight or counted in it, against its limit. */
public record WindowUse(Window window, int used) {

    public int limit() {
        return window.limit();
    }
}
