package io.pdfsluice.e2e;

import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

import io.pdfsluice.document.Document;

/**
 * Wraps every step of every route (Camel asks each InterceptStrategy in its registry as it builds the routes), so
 * that a test can fail any one step for one document: the "victim" (a document whose id, an inbox file whose name,
 * or a queue message whose body starts with "victim"). Inert until a test arms it; while tracing, it records which
 * steps the victim passes.
 */
@Singleton
@Named("stepFailures")
public class StepFailures implements InterceptStrategy {

    public static final String VICTIM = "victim";

    private final Set<NamedNode> wrapped = ConcurrentHashMap.newKeySet();
    private final Set<NamedNode> traced = ConcurrentHashMap.newKeySet();
    private final Map<NamedNode, Integer> fired = new ConcurrentHashMap<>();
    private volatile NamedNode armed;
    private volatile boolean tracing;

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        wrapped.add(definition);
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                if ((tracing || armed == definition) && isVictim(exchange)) {
                    if (tracing) {
                        traced.add(definition);
                    }
                    if (armed == definition) {
                        fired.merge(definition, 1, Integer::sum);
                        exchange.setException(new IllegalStateException(message(definition)));
                        callback.done(true);
                        return true;
                    }
                }
                return super.process(exchange, callback);
            }
        };
    }

    /** The failure a step throws when armed; a report's reason must contain it. */
    public static String message(NamedNode step) {
        return "injected failure at " + step.getShortName() + " " + step.getLabel();
    }

    public Set<NamedNode> wrapped() {
        return wrapped;
    }

    /** Records the steps the victim passes until {@link #traced()} is read. */
    public void trace() {
        traced.clear();
        tracing = true;
    }

    public Set<NamedNode> traced() {
        tracing = false;
        return Set.copyOf(traced);
    }

    /** Whether the victim has passed {@code step} since {@link #trace()}, while the trace goes on. */
    public boolean passed(NamedNode step) {
        return traced.contains(step);
    }

    public void arm(NamedNode step) {
        armed = step;
    }

    public void disarm() {
        armed = null;
    }

    public int fired(NamedNode step) {
        return fired.getOrDefault(step, 0);
    }

    private static boolean isVictim(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Document d = exchange.getProperty("document", Document.class);
        if (d == null && body instanceof Document doc) {
            d = doc;
        }
        if (d != null) {
            return d.id() != null && d.id().startsWith(VICTIM);
        }
        if (body instanceof File f) {
            return f.getName().startsWith(VICTIM);
        }
        String message = exchange.getProperty("sluiceMessage", String.class);
        if (message != null || exchange.getMessage().getHeader("CamelSpringRabbitmqMessageId") != null
                || body instanceof byte[]) {
            String text = exchange.getMessage().getBody(String.class);
            return text != null && text.startsWith("{\"id\":\"" + VICTIM);
        }
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        return name != null && name.startsWith(VICTIM);
    }
}
