package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A place counts from when the server had its request, by the answer's X-Render-Ms (io.pdfsluice.limiter.ServedTime).
 * An API whose every answer misstates that time, far more than the request took or no duration at all, through the
 * real routes at 10 per 2 s with 100 ms of latency: no 429, never more than the plan in any window, every document
 * delivered. The first claims are more time than a request took, a lie after which no claim is believed (LimiterTest
 * has the rest); the others are no durations, which fail nothing (they failed every document once, as a Long header).
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "claims"), @ResourceArg(name = "limits", value = "10/2s") })
class RenderTimeClaimsTest {

    @ParameterizedTest
    @ValueSource(strings = { "600000", "99999999999999999999", "-5", "soon" })
    void anApiThatMisstatesItsWorkNeverGetsMoreThanThePlanAllows(String claim) throws Exception {
        ApiEmulator api = HostedApi.freshEmulator();
        api.limits(new Window(10, 2000)).latency(100, 50, 7).claimsRenderMs(claim);
        Thread.sleep(2_200); // the requests of the run before leave the window
        String stem = "claims-" + claim.replaceAll("[^a-z0-9]", "x");
        Drop.text(Folders.inbox("claims"), stem + ".jsonl", Manifests.jsonl(stem, 25));
        JsonNode report = report(Folders.outbox("claims"), stem);
        assertEquals(25, report.get("ok").asInt(), () -> "X-Render-Ms: " + claim + ", " + report);
        assertEquals(0, api.count(429), () -> "X-Render-Ms: " + claim + ": " + api.requests());
        assertTrue(api.maxAcceptedInAnyWindow(2000) <= 10, () -> "at most 10 in any 2 s: " + api.requests());
    }
}
