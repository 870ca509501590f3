package io.pdfsluice.emulator;

import java.util.Locale;

import io.pdfsluice.emulator.KeyWindows.Verdict;

/**
 * Where arrival order is decided: the key check, the limiter and the fault script run under one lock, so arrival
 * times, window logs and fault counters all agree on which request came first.
 */
final class Admission {

    /** verdict is null when the key was refused; plan is null unless the limiter admitted the request. */
    record Turn(Recorded request, Verdict verdict, Faults.Plan plan) {
    }

    final KeyWindows windows = new KeyWindows();
    final Faults faults = new Faults();
    private long lastArrival;
    private String key;
    private boolean revoked;

    synchronized void requireKey(String apiKey) {
        key = apiKey;
    }

    synchronized void revokeKey() {
        revoked = true;
    }

    synchronized void clear() {
        windows.clear();
        faults.clear();
        key = null;
        revoked = false;
    }

    /** A request that skips the limiter and the faults (job polls and downloads): allowed when the key is. */
    record Pass(Recorded request, boolean allowed) {
    }

    synchronized Turn admit(Recorded received) {
        Recorded request = arrived(received);
        String token = keyOf(request);
        if (!keyAccepts(token)) {
            return new Turn(request, null, null);
        }
        Verdict verdict = windows.admit(token == null ? "" : token, request.atMs(), Profiles.quotaCost(request));
        return new Turn(request, verdict, verdict.admitted() ? faults.next(request, request.atMs()) : null);
    }

    synchronized Pass pass(Recorded received) {
        Recorded request = arrived(received);
        return new Pass(request, keyAccepts(keyOf(request)));
    }

    private Recorded arrived(Recorded received) {
        // never earlier than the previous arrival, so every log stays sorted even if the wall clock steps back
        long now = Math.max(System.currentTimeMillis(), lastArrival);
        lastArrival = now;
        return new Recorded(received.method(), received.path(), received.query(), received.headers(),
                received.body(), now, 0);
    }

    private boolean keyAccepts(String token) {
        return !revoked && (key == null || key.equals(token));
    }

    /** The key a request carries: Authorization Bearer, or Basic (its user:password), or an X-API-Key header. */
    private static String keyOf(Recorded request) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return authorization.substring(7).trim();
        }
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            try {
                return new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return request.header("x-api-key");
    }
}
