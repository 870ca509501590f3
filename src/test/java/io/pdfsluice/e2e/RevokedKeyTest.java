package io.pdfsluice.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pdfsluice.delivery.IntakeStop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** A refused key stops intake: nothing is dead-lettered, every input stays for later, health says why. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "revoked") })
class RevokedKeyTest {

    static final Path INBOX = Folders.inbox("revoked");
    static final Path OUTBOX = Folders.outbox("revoked");

    @Inject
    CamelContext camel;

    @Test
    void aRefusedKeyStopsConsumptionAndKeepsTheInputs() throws IOException {
        HostedApi.emulator().revokeKey();
        Drop.text(INBOX, "payroll.jsonl", Manifests.jsonl("pay", 5));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health").then().statusCode(503)
                        .body(containsString("refused")));
        Drop.text(INBOX, "later.md", "# Later");
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(INBOX.resolve("later.md")));
        assertTrue(Files.exists(INBOX.resolve("payroll.jsonl")), "the input stays in the inbox");
        assertFalse(Files.exists(INBOX.resolve(".failed/payroll.jsonl")));
        assertFalse(Files.exists(OUTBOX.resolve("payroll.failures.jsonl")), "nothing is dead-lettered");
        assertTrue(HostedApi.emulator().requests().size() <= 5);
        List<String> intake = camel.getRoutes().stream().filter(r -> IntakeStop.GROUP.equals(r.getGroup()))
                .map(Route::getRouteId).sorted().toList();
        // with the queue off (here) its route is not even built (its precondition): the inbox is the whole group
        assertEquals(List.of("inbox"), intake, "the intake routes say they are the intake group");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(
                camel.getRouteController().getRouteStatus("inbox").isStopped(), "the inbox takes no more files"));
    }
}
