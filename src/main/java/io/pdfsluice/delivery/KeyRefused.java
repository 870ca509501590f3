package io.pdfsluice.delivery;

/**
 * The CDI event {@link Access} fires, once, when the API refuses the key (401/403): every document would fail, so
 * each intake (the inbox, the queue) stops taking input and leaves it where it is. Fired on a thread of its own, so
 * an observer may stop its route and wait for the documents in flight, which are being refused as well.
 *
 * @param reason what the API answered, for the log and /q/health
 */
public record KeyRefused(String reason) {
}
