package io.pdfsluice.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.cluster.Cluster;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.outbox.Outbox;
import io.pdfsluice.provider.ApiProfiles;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a queue document's end is told as, on the events exchange: {@code document.done} with its outputs, or
 * {@code document.failed} with the reason. Before a done event goes out, the output is forced to disk (when
 * sluice.queue.fsync is on), so that the message is acknowledged only once its output would survive a crash.
 */
@ApplicationScoped
@Named("events")
public class Events {

    public static final String ROUTING_KEY = "CamelSpringRabbitmqRoutingOverrideKey";

    @Inject
    ObjectMapper json;
    @Inject
    Outbox outbox;
    @Inject
    Cluster cluster;
    @Inject
    QueueConfig config;

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String event, String id, String message, String where, List<String> outputs, Boolean skipped,
            String provider, String reason, Integer status, Integer attempts, String time, String instance) {
    }

    /** Makes the body the event of the document that just ended, and its routing key the event's name. */
    public void of(Exchange exchange) throws IOException {
        Document d = exchange.getProperty("document", Document.class);
        if (d == null) {
            d = exchange.getMessage().getBody(Document.class);
        }
        String message = exchange.getProperty(DocumentExchange.MESSAGE, String.class);
        String reason = exchange.getProperty(DocumentExchange.FAILURE, String.class);
        // the provider of the last attempt: the one that delivered the document, or the last that failed it
        String provider = exchange.getProperty(ApiProfiles.PROVIDER, String.class);
        Event event;
        if (reason == null) {
            if (config.queue().fsync() && !exchange.getProperty(DocumentExchange.SKIPPED, false, Boolean.class)) {
                outbox.sync(d.output());
            }
            event = new Event("document.done", d.id(), message, d.where(), List.of(d.output()),
                    exchange.getProperty(DocumentExchange.SKIPPED, false, Boolean.class), provider, null, null, null,
                    Instant.now().toString(),
                    cluster.instance());
        } else {
            event = new Event("document.failed", d.id(), message, d.where(), null, null, provider, reason,
                    exchange.getProperty(DocumentExchange.FAILURE_STATUS, Integer.class),
                    exchange.getProperty(DocumentExchange.FAILURE_ATTEMPTS, Integer.class), Instant.now().toString(),
                    cluster.instance());
        }
        exchange.getMessage().setHeaders(new HashMap<>(Map.of(ROUTING_KEY, event.event(),
                "CamelSpringRabbitmqContentType", "application/json")));
        exchange.getMessage().setBody(json.writeValueAsBytes(event));
    }
}
