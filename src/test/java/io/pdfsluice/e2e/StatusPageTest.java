package io.pdfsluice.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status page as a person uses it, in headless Chromium: a manifest dropped into the inbox, its counters moving
 * to the end, the pace chart drawn, and a failed batch's dead letters re-run from the page's button.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "status"), @ResourceArg(name = "provider", value = "blink"),
        @ResourceArg(name = "limits", value = "5/1s") })
class StatusPageTest {

    static final Path INBOX = Folders.inbox("status");
    static final Path OUTBOX = Folders.outbox("status");
    static final AtomicBoolean REFUSING = new AtomicBoolean(true);

    static String url(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://127.0.0.1:" + port + path;
    }

    /** 40 invoices, of which 4 the API refuses (422) while REFUSING holds. */
    static String monthEnd() {
        return IntStream.rangeClosed(1, 40).mapToObj(i -> String.format(
                "{\"id\":\"inv-%02d\",\"title\":\"Invoice %02d\",\"markdown\":\"# Invoice %02d%s\"}", i, i, i,
                i % 10 == 0 ? " REFUSE" : "")).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void aPersonWatchesABatchToItsEndThenReRunsItsFailuresFromThePage() throws Exception {
        HostedApi.emulator().rejectIf(r -> REFUSING.get() && r.bodyText().contains("REFUSE"), 422,
                "cannot render this");
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.open(url("/"));
            await().atMost(Duration.ofSeconds(10)).until(() -> page.findElement(By.id("updated")).getText()
                    .startsWith("updated"));
            Drop.text(INBOX, "month-end.jsonl", monthEnd());

            TreeSet<Integer> done = new TreeSet<>();
            String letters = "tr[data-file='month-end.failures.jsonl']";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String count = text(page, "tr[data-batch='month-end.jsonl'] td.done");
                if (count != null && done.add(Integer.parseInt(count)) && done.size() == 3) {
                    browser.screenshot("status-page-in-progress");
                }
                return text(page, letters) != null;
            });
            assertTrue(done.size() >= 4 && done.first() < 25, "the counters moved as the batch went: " + done);
            assertEquals(null, text(page, "tr[data-batch='month-end.jsonl']"), "the batch left the list once it ended");
            assertEquals("4", text(page, letters + " td.num"), "4 documents dead-lettered");

            String points = attribute(page, "svg.pace[data-provider='blink'] polyline", "points");
            assertTrue(points != null && points.trim().split(" ").length >= 5,
                    "the pace chart has a point a second: " + points);
            assertEquals("CLOSED", text(page, "div.provider[data-provider='blink'] .breaker"));
            browser.screenshot("status-page");

            REFUSING.set(false); // the cause is fixed: the re-run goes through
            // the page redraws every second: a button found just before the redraw is gone, so find it again
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                page.findElement(By.cssSelector(letters + " button.rerun")).click();
                return true;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> String.valueOf(text(page, "#rerun-result"))
                    .contains("4 document(s) moved into the inbox"));
            await().atMost(Duration.ofSeconds(60)).until(() -> report().path("ok").asInt() == 4);
            assertEquals(0, report().path("failed").asInt());
            for (String id : List.of("inv-10", "inv-20", "inv-30", "inv-40")) {
                assertTrue(Files.size(OUTBOX.resolve("month-end/" + id + ".pdf")) > 0, id);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> text(page, letters) == null);
            browser.screenshot("status-page-after-rerun");
        }
    }

    /** The batch's HTML report, opened from disk with no server: its summary, its pace chart, a retry, a failure. */
    @Test
    void theBatchReportOpensFromDiskWithItsChartItsRetryAndItsFailures() throws Exception {
        AtomicInteger flaky = new AtomicInteger();
        HostedApi.emulator().rejectIf(r -> r.bodyText().contains("FLAKY") && flaky.getAndIncrement() == 0, 503,
                "busy, try again");
        HostedApi.emulator().rejectIf(r -> r.bodyText().contains("BROKEN <script>"), 422, "cannot render <this>");
        String manifest = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format(
                "{\"id\":\"cert-%02d\",\"title\":\"Certificate %02d\",\"markdown\":\"# Certificate %02d%s\"}", i, i,
                i, i == 3 ? " FLAKY" : i == 7 ? " BROKEN <script>" : "")).collect(Collectors.joining("\n", "", "\n"));
        Drop.text(INBOX, "certificates.jsonl", manifest);
        Path html = OUTBOX.resolve("certificates.report.html");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(html));
        String source = Files.readString(html);
        assertFalse(source.contains("<script"), "no script at all, and a hostile reason is escaped");
        assertFalse(source.contains("http://") && !source.contains("http://www.w3.org/2000/svg"),
                "nothing fetched from elsewhere");

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.open(html.toUri().toString());
            assertEquals("certificates.jsonl", text(page, "h1"));
            assertTrue(text(page, "#summary").contains("delivered19"), text(page, "#summary"));
            String points = attribute(page, "svg.pace[data-provider='blink'] polyline[data-window='5/1s']", "points");
            assertTrue(points != null && points.split(" ").length >= 2, "the pace over the batch: " + points);
            assertTrue(text(page, "svg.pace line.retry title") != null, "the retry on the time axis; the API answered "
                    + "the flaky certificate with " + HostedApi.emulator().requests().stream()
                            .filter(r -> r.bodyText().contains("FLAKY")).map(Recorded::status).toList()
                    + ", the report's chart: " + source.substring(source.indexOf("<svg")));
            assertEquals("cert-07", text(page, "#failures tr:nth-child(2) td"));
            assertTrue(text(page, "#failures").contains("cannot render <this>"), text(page, "#failures"));
            browser.screenshot("batch-report");
        }
    }

    /** The text of the first element the selector finds, read in one step of the page's script; null for none. */
    static String text(WebDriver page, String selector) {
        Object text = ((JavascriptExecutor) page).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
        return (String) text;
    }

    static String attribute(WebDriver page, String selector, String name) {
        return (String) ((JavascriptExecutor) page).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                selector, name);
    }

    static JsonNode report() throws IOException {
        Path report = OUTBOX.resolve("month-end.report.json");
        return Files.exists(report) ? Outputs.JSON.readTree(report.toFile()) : Outputs.JSON.createObjectNode();
    }

    @Test
    void aReRunNeedsThePagesTokenAndItsOrigin() {
        String csrf = given().get(url("/status/now")).then().statusCode(200).extract().path("csrf");
        given().contentType("application/json").body("{\"file\":\"x.failures.jsonl\"}").post(url("/status/rerun"))
                .then().statusCode(403).body(containsString("X-CSRF-Token"));
        given().contentType("application/json").header("X-CSRF-Token", csrf).header("Origin", "http://evil.example")
                .body("{\"file\":\"x.failures.jsonl\"}").post(url("/status/rerun")).then().statusCode(403);
        for (String name : List.of("../secrets.failures.jsonl", "x.report.json", ".x.failures.jsonl")) {
            given().contentType("application/json").header("X-CSRF-Token", csrf)
                    .body("{\"file\":\"" + name + "\"}").post(url("/status/rerun")).then().statusCode(400);
        }
        given().contentType("application/json").header("X-CSRF-Token", csrf).body("not json")
                .post(url("/status/rerun")).then().statusCode(400);
        given().contentType("application/json").header("X-CSRF-Token", csrf)
                .body("{\"file\":\"nothing-here.failures.jsonl\"}").post(url("/status/rerun")).then().statusCode(404);
        assertFalse(Files.exists(INBOX.resolve("nothing-here.failures.jsonl")));
    }

    @Test
    void thePageAndItsFilesComeFromThisServerOnly() {
        String html = given().get(url("/")).then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'")).extract().asString();
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched from elsewhere");
        for (String file : List.of("/status/page.js", "/status/page.css")) {
            String text = given().get(url(file)).then().statusCode(200).extract().asString();
            assertFalse(text.contains("https://"), file + " loads nothing from elsewhere");
        }
    }
}
