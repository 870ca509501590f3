package io.pdfsluice.limiter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Notes when a request goes onto an established connection: after connect and TLS handshake, right before its
 * bytes are written. That is when the server's window starts counting it (give or take one-way latency, which the
 * plan's margin covers), so Pace counts it from then: a slow connect cannot squeeze two requests closer together
 * at the server than a window, and no response time is wasted either. Camel's HTTP component calls requests
 * synchronously, so the time is kept per thread until Pace takes it.
 */
@ApplicationScoped
@Named("wireClock")
public class WireClock implements HttpClientConfigurer {

    private final ThreadLocal<Long> sentAt = new ThreadLocal<>();

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorAfter(ChainElement.CONNECT.name(), "sluice-wire-clock", (request, scope, chain) -> {
            sentAt.set(System.currentTimeMillis());
            return chain.proceed(request, scope);
        });
    }

    /** When this thread's last request went onto the wire, or {@code fallback} if it never got that far. */
    long takeSentAt(long fallback) {
        Long at = sentAt.get();
        sentAt.remove();
        return at == null ? fallback : at;
    }
}
