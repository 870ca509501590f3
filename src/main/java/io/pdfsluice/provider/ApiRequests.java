package io.pdfsluice.provider;

import java.io.IOException;
import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

import io.pdfsluice.document.ContentDigest;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.document.Kind;
import io.pdfsluice.engine.EngineListening;

/** The call route's request: the document in the API's shape, the URL to POST it to, the key and the idempotency key. */
@ApplicationScoped
@Named("apiRequests")
public class ApiRequests {

    /** The URL the request goes to (the call route's toD reads it); also the one that answered, for a redirect. */
    public static final String URL = "sluiceUri";
    /** True when the request submits a large PDF's async job (the call route then goes to direct:job). */
    public static final String JOB = "sluiceJob";
    /** True when the request joins a batch request (BatchRequests) instead of going on its own. */
    public static final String BATCHED = "sluiceBatched";
    private static final String IDEMPOTENCY_KEY = "sluiceIdempotencyKey";

    @Inject
    ApiProfiles profiles;
    @Inject
    AnswerTimes answerTimes;
    @Inject
    EngineListening listening;

    /** Shapes the request for the document in the exchange property "document" and names the URL to call. */
    public void prepare(Exchange exchange) throws IOException, InterruptedException {
        Document d = exchange.getProperty(DocumentExchange.DOCUMENT, Document.class);
        Message m = exchange.getMessage();
        ApiProfile profile = profiles.of(exchange);
        if (profile.isLocal()) {
            listening.await(); // the inbox starts before the engine's port opens; a refused connection opens the breaker
        }
        String url = profile.shape(d, m);
        // the enum the http component asks for: given the string "POST", it converted it on every request through
        // Camel's type-converter lookup, 18 % of the app's CPU against an instant endpoint (async-profiler)
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        exchange.setProperty(URL, url);
        exchange.setProperty(AnswerTimes.TIMEOUT, answerTimes.timeoutMs(profile.name(), exchange));
        boolean job = profile.submitsJob(url);
        exchange.setProperty(JOB, job);
        // a Markdown or HTML document to an API that takes batch requests joins one (routes/call.yaml)
        exchange.setProperty(BATCHED, !job && profile.batchSize() > 1 && d.kind() != Kind.PDF);
        ApiKey.authorize(profile, m, URI.create(url));
        m.setHeader("Idempotency-Key", idempotencyKey(exchange, profile, d));
    }

    /** The same for every attempt and after a restart: a hash of what is converted, into what, how. */
    private static String idempotencyKey(Exchange exchange, ApiProfile profile, Document d) throws IOException {
        // a document that moves to another provider (a fallback) has a key for each: a key is the API's
        String property = IDEMPOTENCY_KEY + "-" + profile.name();
        String idempotencyKey = exchange.getProperty(property, String.class);
        if (idempotencyKey == null) {
            ContentDigest sha = new ContentDigest()
                    .add(profile.name() + '\n' + d.kind() + '\n' + profile.target() + '\n' + d.title() + '\n');
            if (d.kind() == Kind.PDF) {
                sha.add(d.pdf());
            } else {
                sha.add(d.text());
            }
            idempotencyKey = sha.hex(16);
            exchange.setProperty(property, idempotencyKey);
        }
        return idempotencyKey;
    }
}
