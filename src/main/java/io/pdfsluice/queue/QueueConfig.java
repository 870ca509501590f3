package io.pdfsluice.queue;

import io.smallrye.config.ConfigMapping;

/**
 * The queue input and the broker it is on ({@code sluice.queue.*}, {@code sluice.rabbitmq.*}, set in
 * application.properties). The queue route reads enabled and prefetch as placeholders.
 */
@ConfigMapping(prefix = "sluice")
public interface QueueConfig {

    /** sluice.queue.*: the documents queue, the events exchange and how a message is worked. */
    Queue queue();

    /** sluice.rabbitmq.*: where the broker is (AMQP 0-9-1). */
    Rabbitmq rabbitmq();

    interface Queue {

        /** The durable queue documents are consumed from (with its .dlx exchange and .dlq queue). */
        String documents();

        /** The topic exchange every queue document's outcome is published to. */
        String events();

        /** Queue documents are written to outbox/&lt;outputs&gt;/, their dead letters to outbox/&lt;outputs&gt;/failed/. */
        String outputs();

        /** Consumer threads, each working one message at a time. */
        int consumers();

        /** Attempts at a message that fails as a whole, then the dead-letter queue. */
        int attempts();

        /** The first pause between those attempts (doubling, at most 30 s). */
        long retryDelayMs();

        /** Sync each output to disk before its message is acknowledged. */
        boolean fsync();
    }

    interface Rabbitmq {

        String host();

        int port();

        String user();

        String password();

        String virtualHost();
    }
}
