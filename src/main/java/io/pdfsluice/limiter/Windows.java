package io.pdfsluice.limiter;

import java.util.List;
import java.util.Optional;

/**
 * The plan's windows as the server counts them, in which every request takes a place: the first {@code limit}
 * requests of a window may go at once, then one more each time one leaves it. A place is held while its request is
 * in flight and leaves one period (plus the plan's margin) after the request was answered, the latest moment the
 * server can have counted it; a request that never went gives its place back at once. A pause (a 429's
 * Retry-After, a spent quota) holds every taker until it has passed.
 *
 * One implementation per deployment, chosen by the cluster's producer: this instance's own windows
 * ({@link LocalWindows}) when it is alone, the windows every instance of the key shares in Redis when it is one of
 * several. Both pass the same contract tests.
 */
public interface Windows {

    /** Waits until no pause holds and every window has room, then takes a place in each; returns the place. */
    String take() throws InterruptedException;

    /**
     * Takes a place named {@code place} in every window and returns 0, or takes nothing and returns how many
     * milliseconds until one may free up (a very large number while every place is in flight).
     */
    long tryTake(String place);

    /** The place's request was answered now: it leaves every window one period (plus the margin) from now. */
    default void answered(String place) {
        answered(place, 0);
    }

    /**
     * The place's request was answered now, and the server says it was at work on it for the last {@code servedMs}
     * (X-Render-Ms, already held to the attempt's own time by the caller): it counts from {@code now - servedMs},
     * when the server had it at the latest, and leaves every window one period (plus the margin) after that.
     */
    void answered(String place, long servedMs);

    /** The place's request never went onto the wire: its place is free again at once. */
    void unsent(String place);

    /**
     * Every sender waits {@code ms} from now. A pause only ever lengthens; returns whether this one did (a shorter
     * one than the pause in force changes nothing).
     */
    boolean pause(long ms);

    /** How long the pause in force still holds this instance's senders. */
    long pausedForMs();

    /** The share of the primary window that this instance's requests use right now: its pace against the plan. */
    double primaryWindowUsed();

    /** Every window of the plan, primary first, with this instance's requests in it now (empty before it is known). */
    List<WindowUse> use();

    /**
     * Whether a primary window that the server reports spent (X-RateLimit-Remaining: 0) is explained by the
     * requests these windows count; when it is not, another client spends the same key.
     */
    boolean explainsSpentWindow();

    /**
     * The plan's quota (its calendar month, else its day) as these windows count it, when the plan has one. With
     * several instances, this instance's own count: the shared windows still hold the key's.
     */
    Optional<QuotaCount> quota();

    /**
     * The API reports {@code left} conversions left in the quota: where that is fewer than these windows count, the
     * server's count is taken (the key is used elsewhere too, or in an earlier run these windows no longer know).
     */
    void quotaLeft(long left);

    /**
     * The server reports {@code used} requests in its window of {@code limit} (X-RateLimit-Limit minus -Remaining)
     * for a request admitted with {@code ours} of this instance's in the window ({@link #ownCount()} then). The
     * rest is another client's, spending the same key: until the next answer tells again, it holds as many places
     * in that window, so that this instance slows down to the spare capacity before the window is full instead of
     * pausing at 0. With several instances the shared windows hold all of theirs, and nothing is taken.
     */
    void serverCount(int limit, int used, int ours);

    /** This instance's requests in the primary window now: in flight, or answered within its period. */
    int ownCount();
}
