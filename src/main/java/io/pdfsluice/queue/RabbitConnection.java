package io.pdfsluice.queue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The RabbitMQ connection of the queue routes (sluice.rabbitmq.*). Publisher confirms are on, so an event counts as
 * sent only once the broker has taken it; nothing connects until the queue route starts (sluice.queue.enabled).
 * The spring-rabbitmq component is made here too, when a route first needs it, not by configuration at start-up:
 * with the queue off nothing of Spring AMQP or the RabbitMQ client is loaded.
 */
@ApplicationScoped
public class RabbitConnection {

    private ExecutorService dispatch;

    @Produces
    @ApplicationScoped
    @Named("rabbitConnectionFactory")
    CachingConnectionFactory connectionFactory(QueueConfig config) {
        QueueConfig.Rabbitmq broker = config.rabbitmq();
        int consumers = config.queue().consumers();
        CachingConnectionFactory factory = new CachingConnectionFactory(broker.host(), broker.port());
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        // every consumer thread publishes its documents' events on a channel of its own
        factory.setChannelCacheSize(Math.max(25, consumers * 2));
        factory.setConnectionNameStrategy(f -> "pdf-sluice");
        // The listener container invokes the route on the RabbitMQ client's dispatch threads, 2 per core unless
        // told otherwise: that would cap the queue at 4 documents in flight here, whatever sluice.queue.consumers.
        AtomicInteger n = new AtomicInteger();
        dispatch = Executors.newFixedThreadPool(Math.max(4, consumers), r -> {
            Thread t = new Thread(r, "sluice-queue-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        factory.setExecutor(dispatch);
        return factory;
    }

    /** The component of the queue routes; on stop, messages in work get 30 s to end. */
    @Produces
    @Singleton
    @Named("spring-rabbitmq")
    SpringRabbitMQComponent component(@Named("rabbitConnectionFactory") CachingConnectionFactory factory) {
        SpringRabbitMQComponent component = new SpringRabbitMQComponent();
        component.setConnectionFactory(factory);
        component.setShutdownTimeout(30_000);
        return component;
    }

    void close(@Disposes @Named("rabbitConnectionFactory") CachingConnectionFactory factory) {
        factory.destroy();
        if (dispatch != null) {
            dispatch.shutdown();
        }
    }
}
