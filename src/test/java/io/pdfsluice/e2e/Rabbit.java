package io.pdfsluice.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real RabbitMQ on 127.0.0.1:5672, as a test sees it: queues of its own (deleted before the app starts, so a
 * failed earlier run leaves nothing behind), a publisher, and a queue that captures the app's events.
 */
public class Rabbit implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private String documents = "test.documents";
    private String events = "test.events";
    private Connection connection;
    private Channel channel;

    public Rabbit() {
    }

    public Rabbit(String documents, String events) {
        this.documents = documents;
        this.events = events;
    }

    @Override
    public void init(Map<String, String> args) {
        documents = args.getOrDefault("documents", documents);
        events = args.getOrDefault("events", events);
    }

    @Override
    public Map<String, String> start() {
        try (Rabbit rabbit = new Rabbit(documents, events).open()) {
            rabbit.deleteQueues();
        }
        return Map.of("sluice.queue.enabled", "true", "sluice.queue.documents", documents,
                "sluice.queue.events", events, "sluice.rabbitmq.port", "5672");
    }

    @Override
    public void stop() {
    }

    public Rabbit open() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(5672);
            factory.setUsername("guest");
            factory.setPassword("guest");
            connection = factory.newConnection("pdf-sluice-test");
            channel = connection.createChannel();
            return this;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ must answer on 127.0.0.1:5672 (rabbitmq-server -detached)", e);
        }
    }

    void deleteQueues() {
        try {
            channel.queueDelete(documents);
            channel.queueDelete(documents + ".dlq");
            channel.queueDelete(capture());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A durable queue bound to the events exchange, emptied: every event from now on lands in it. */
    public Rabbit captureEvents() throws IOException {
        channel.exchangeDeclare(events, "topic", true);
        channel.queueDeclare(capture(), true, false, false, null);
        channel.queueBind(capture(), events, "document.*");
        channel.queuePurge(capture());
        return this;
    }

    /** Deletes the events exchange (and so every binding to it). */
    public void deleteEventsExchange() throws IOException {
        channel.exchangeDelete(events);
    }

    /** A subscriber's own exclusive queue, bound to the events exchange without declaring it: 404 if it is missing. */
    public String subscribe(String pattern) throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, events, pattern);
        return queue;
    }

    /** The next message on a queue, or null. */
    public GetResponse take(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public void publish(String body) throws IOException {
        publish(body, null);
    }

    /** Publishes on the default exchange with the queue's name as routing key, persistent, with a message id. */
    public void publish(String body, String messageId) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).messageId(messageId).build();
        channel.basicPublish("", documents, props, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes every event captured so far off the capture queue. */
    public List<JsonNode> takeEvents() throws IOException {
        List<JsonNode> taken = new ArrayList<>();
        for (GetResponse r; (r = channel.basicGet(capture(), true)) != null;) {
            JsonNode event = JSON.readTree(r.getBody());
            if (!r.getEnvelope().getRoutingKey().equals(event.get("event").asText())) {
                throw new IllegalStateException("routing key " + r.getEnvelope().getRoutingKey() + " for " + event);
            }
            taken.add(event);
        }
        return taken;
    }

    /** The next dead-lettered message, or null. */
    public GetResponse takeDeadLetter() throws IOException {
        return channel.basicGet(documents + ".dlq", true);
    }

    /** How many events wait in the capture queue (without taking them). */
    public long capturedCount() throws IOException {
        return channel.messageCount(capture());
    }

    public long waiting() throws IOException {
        return channel.messageCount(documents);
    }

    private String capture() {
        return events + ".captured";
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (IOException e) {
            // the broker went away first
        }
    }
}
