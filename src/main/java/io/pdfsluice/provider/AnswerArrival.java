package io.pdfsluice.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import io.pdfsluice.limiter.ServedTime;

/**
 * Stamps every answer with the moment its head came off the wire ({@link ServedTime#ARRIVED}), before Camel reads
 * its body and the call's steps run. A place in the plan's windows counts from then rather than from the end of the
 * call: on a busy client (a cold JIT, two cores shared with the broker) those steps took up to half a second in a
 * batch's first window, and every later window inherited the delay. The stamp replaces any header of that name the
 * API sent. It also bounds each answer as a whole (AnswerDeadline). Set on the http and https components
 * (application.properties).
 */
@ApplicationScoped
@Named("answerArrival")
public class AnswerArrival implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        client.addResponseInterceptorFirst((response, entity, context) -> response.setHeader(ServedTime.ARRIVED,
                Long.toString(System.nanoTime())));
        AnswerDeadline.install(client); // and bounds the whole answer, not each read
    }
}
