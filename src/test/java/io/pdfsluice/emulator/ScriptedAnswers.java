package io.pdfsluice.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.pdfsluice.emulator.Renders.Reply;

/** Answers a test dictates for the requests it picks: a hostile archive, a mislabelled image, a wrong body. */
final class ScriptedAnswers {

    private record Script(Predicate<Recorded> when, Reply reply) {
    }

    private record Trickle(Predicate<Recorded> when, long bytesPerSecond) {
    }

    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<Trickle> trickles = new CopyOnWriteArrayList<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    void header(String name, String value) {
        headers.put(name, value);
    }

    /** Headers every answer carries besides its own, set last so that they win. */
    Map<String, String> headers() {
        return headers;
    }

    void trickle(Predicate<Recorded> when, long bytesPerSecond) {
        trickles.add(new Trickle(when, bytesPerSecond));
    }

    /** How fast the answer to this request is sent, in bytes a second; 0: at once. */
    long bytesPerSecond(Recorded request) {
        return trickles.stream().filter(t -> t.when().test(request)).mapToLong(Trickle::bytesPerSecond).findFirst()
                .orElse(0);
    }

    void add(Predicate<Recorded> when, int status, String contentType, byte[] body) {
        scripts.add(new Script(when, new Reply(status, contentType, body)));
    }

    /** The first scripted answer for this request, or null for the usual one. */
    Reply answer(Recorded request) {
        for (Script s : scripts) {
            if (s.when().test(request)) {
                return s.reply();
            }
        }
        return null;
    }

    void clear() {
        scripts.clear();
        trickles.clear();
        headers.clear();
    }
}
