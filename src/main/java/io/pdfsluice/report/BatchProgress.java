package io.pdfsluice.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How far a batch in progress is: its documents ended so far by outcome, against those it holds ({@code expected},
 * -1 when that is not cheap to know), its rate since it was picked up and the time left at that rate.
 *
 * @param source {@code inbox} for a file, {@code queue} for a message
 * @param etaSeconds null while the rate or the total is not known
 */
@RegisterForReflection
public record BatchProgress(String name, String source, long expected, int ok, int skipped, int failed,
        double elapsedSeconds, double rate, Double etaSeconds) {

    static BatchProgress of(Batch b, String source) {
        double seconds = b.elapsedSeconds();
        int ended = b.ended();
        double rate = seconds > 0 ? ended / seconds : 0.0;
        Double eta = b.expected > ended && rate > 0 ? (b.expected - ended) / rate : null;
        return new BatchProgress(b.file, source, b.expected, b.ok.get(), b.skipped.get(), b.failed.get(), seconds,
                rate, eta);
    }

    public int ended() {
        return ok + skipped + failed;
    }
}
