package io.pdfsluice.delivery;

/**
 * The CDI event {@link Access} fires, once, when no document can go on: the API refused the key (401/403), or, in a
 * run-once job without a fallback, a provider's quota is spent. Each intake (the inbox, the queue) stops taking input
 * and leaves it where it is, and a run-once job exits with {@link #exitCode}. Fired on a thread of its own, so an
 * observer may stop its route and wait for the documents in flight, which are halted as well.
 *
 * @param reason what the API answered, for the log and /q/health
 * @param exitCode 1 for a refused key; 75 (EX_TEMPFAIL) for a spent quota: run the job again once it is renewed
 */
public record IntakeHalted(String reason, int exitCode) {

    /** sysexits.h EX_TEMPFAIL: a temporary failure; the job is to be run again later. */
    public static final int QUOTA_SPENT = 75;
}
