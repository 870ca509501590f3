package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** An engine served beyond loopback (sluice.engine.expose=true) wants its key from everyone, the app included. */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "engine-exposed"),
        @ResourceArg(name = "sluice.engine.expose", value = "true"),
        @ResourceArg(name = "sluice.engine.key", value = EngineExposedTest.KEY) })
class EngineExposedTest {

    static final String KEY = "engine-key-7f3a91c2";
    static final Path INBOX = Folders.inbox("engine-exposed");
    static final Path OUTBOX = Folders.outbox("engine-exposed");
    static final String RENDER = "{\"markdown\": \"# Exposed\"}";

    @Test
    void aRequestWithoutTheKeyIsUnauthorized() {
        given().contentType("application/json").body(RENDER).post("/v1/render").then().statusCode(401)
                .contentType("application/json").header("WWW-Authenticate", "Bearer")
                .body("error", containsString("unauthorized"));
        given().get("/v1/jobs/some-job").then().statusCode(401);
    }

    @Test
    void aRequestWithAWrongKeyIsUnauthorized() {
        for (String wrong : new String[] { "Bearer " + KEY + "x", "Bearer " + KEY.substring(1), "Basic " + KEY, KEY }) {
            given().header("Authorization", wrong).contentType("application/json").body(RENDER).post("/v1/render")
                    .then().statusCode(401).body("message", containsString("key"));
        }
    }

    @Test
    void aRequestWithTheKeyIsServed() {
        given().header("Authorization", "Bearer " + KEY).contentType("application/json").body(RENDER)
                .post("/v1/render").then().statusCode(200).contentType("application/pdf");
    }

    @Test
    void pathsThatAreNotSpelledLikeTheRoutesStillWantTheKey() throws IOException {
        for (String path : new String[] { "/v1//render", "/v1/./render", "/q/../v1/render", "/q/%2e%2e/v1/render",
                "/V1/render", "/v1/render/", "/v1/render?x=1" }) {
            String head = RawRequest.send(RestAssured.port, "POST " + path + " HTTP/1.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 0");
            // refused by the gate, or not a route at all; never handed to the engine (which would answer 400)
            int status = RawRequest.status(head);
            assertTrue(status == 401 || status == 404, path + " answered " + head);
        }
    }

    @Test
    void healthStaysOpenForProbes() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theAppsOwnDeliverySendsTheKeyAndTheKeyNeverReachesTheLog() throws IOException {
        Drop.text(INBOX, "memo.md", "# Memo\n\nDelivered through an exposed engine.");
        awaitFile(INBOX.resolve(".done/memo.md"));
        assertPdf(OUTBOX.resolve("memo.pdf"), 1, "Memo");
        String log = Files.readString(Path.of("target", "quarkus.log"));
        assertTrue(log.contains("Bearer key required"), "the test profile logs to target/quarkus.log");
        assertFalse(log.contains(KEY), "the engine key leaked into the log");
        assertEquals(0, Files.list(OUTBOX).filter(p -> p.toString().endsWith(".failures.jsonl")).count());
    }
}
