package io.pdfsluice.cluster;

/**
 * The atomic Lua scripts that change the shared windows in Redis ({@link RedisWindows}): each reads Redis's own
 * clock, so instance clocks never matter.
 */
final class WindowScripts {

    /** KEYS[1] pause, KEYS[2..] windows; ARGV[1] member, ARGV[2] hold ms, then limit and period ms per window. */
    static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
            if paused > now then return paused - now end
            local wait = 0
            for i = 2, #KEYS do
              local limit = tonumber(ARGV[2 * i - 1])
              local period = tonumber(ARGV[2 * i])
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - period)
              if redis.call('ZCARD', KEYS[i]) >= limit then
                local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
                local w = tonumber(oldest[2]) + period - now
                if w < 1 then w = 1 end
                if w > wait then wait = w end
              end
            end
            if wait > 0 then return wait end
            local hold = tonumber(ARGV[2])
            for i = 2, #KEYS do
              redis.call('ZADD', KEYS[i], now + hold, ARGV[1])
              redis.call('PEXPIRE', KEYS[i], hold + tonumber(ARGV[2 * i]) + 60000)
            end
            return 0
            """;

    /**
     * KEYS windows; ARGV[1] member, answered now; ARGV[2] how many ms before now the server had it (a duration the
     * instance measured, so no clock but Redis's is read; from Redis's now it is later still, never earlier).
     */
    static final String ANSWERED = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local had = now - tonumber(ARGV[2] or '0')
            for i = 1, #KEYS do
              redis.call('ZADD', KEYS[i], 'XX', had, ARGV[1])
            end
            return 0
            """;

    /** KEYS windows; ARGV[1] member, never sent: its place is free at once. */
    static final String UNSENT = """
            for i = 1, #KEYS do
              redis.call('ZREM', KEYS[i], ARGV[1])
            end
            return 0
            """;

    /** KEYS[1] pause; ARGV[1] ms from now. Only ever lengthens a pause. */
    static final String PAUSE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local untilMs = now + tonumber(ARGV[1])
            local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
            if untilMs > paused then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
            return 0
            """;

    private WindowScripts() {
    }
}
