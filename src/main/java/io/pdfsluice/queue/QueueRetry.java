package io.pdfsluice.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.util.ObjectHelper;
import org.jboss.logging.Logger;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;

import io.pdfsluice.delivery.Access;

/**
 * What happens to a queue message whose processing failed as a whole (it cannot be read, the outbox cannot be
 * written, the broker refused an event): sluice.queue.attempts attempts with a doubling pause, then the message is
 * rejected without requeue, which the broker dead-letters to &lt;queue&gt;.dlq. One exception: when the API refused
 * the key, the message goes back to the queue untouched, since it is not at fault (intake is being stopped).
 */
@ApplicationScoped
public class QueueRetry {

    private static final Logger LOG = Logger.getLogger(QueueRetry.class);

    @Produces
    @ApplicationScoped
    @Named("queueRetry")
    RetryOperationsInterceptor queueRetry(Access access, QueueConfig config) {
        int attempts = config.queue().attempts();
        long delayMs = config.queue().retryDelayMs();
        String queue = config.queue().documents();
        return RetryInterceptorBuilder.stateless()
                .maxAttempts(Math.max(1, attempts))
                .backOffOptions(delayMs, 2.0, Math.max(delayMs, 30_000))
                .recoverer((message, cause) -> {
                    String id = message.getMessageProperties().getMessageId();
                    if (access.isHalted()) {
                        throw new ImmediateRequeueAmqpException(access.reason() + ": message " + id
                                + " goes back to the queue", cause);
                    }
                    LOG.errorf("queue message %s: dead-lettered to %s.dlq after %d attempts: %s", id, queue, attempts,
                            rootMessage(cause));
                    throw new AmqpRejectAndDontRequeueException("dead-lettered after " + attempts + " attempts", cause);
                })
                .build();
    }

    /** The reason to log: an unreadable message's own, or else the innermost cause's. */
    private static String rootMessage(Throwable t) {
        InvalidMessageException invalid = ObjectHelper.getException(InvalidMessageException.class, t);
        if (invalid != null) {
            return invalid.getMessage();
        }
        Throwable root = ObjectHelper.createExceptionIterator(t).next(); // Camel walks from the innermost cause
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
