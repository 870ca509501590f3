package io.pdfsluice.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;

/**
 * Asynchronous PDF-to-image conversions: submit, poll, download. Jobs live in memory with their files on disk;
 * finished ones expire after sluice.engine.job-ttl-ms. A body that is not a readable PDF is accepted and becomes a
 * failed job, because only the conversion itself (PDFBox) can tell reliably.
 */
@ApplicationScoped
@Named("jobs")
@RegisterForReflection
public class ConversionJobs {

    private static final Logger LOG = Logger.getLogger(ConversionJobs.class);

    private final Engine engine;
    private final long ttlMs;
    private final ExecutorService workers;
    private final Map<String, ConversionJob> jobs = new ConcurrentHashMap<>();

    @Inject
    public ConversionJobs(Engine engine, EngineSettings settings) {
        this(engine, settings.jobTtlMs(), Runtime.getRuntime().availableProcessors());
    }

    ConversionJobs(Engine engine, long ttlMs, int threads) {
        this.engine = engine;
        this.ttlMs = ttlMs;
        this.workers = Executors.newFixedThreadPool(threads, new EngineThreads("job"));
    }

    /** Body: the PDF; header "target": jpg (default), jpeg or png. Reply: 202 with the job, 400 for another target. */
    public void submit(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        ImageFormat format;
        try {
            format = ImageFormat.of(message.getHeader("target", "jpg", String.class));
        } catch (IllegalArgumentException e) {
            EngineReply.error(message, 400, "bad_request", e.getMessage());
            return;
        }
        ConversionJob job = new ConversionJob(format, Files.createTempFile("pdf-sluice-job-", ".pdf"));
        try {
            EngineReply.spoolBody(message, job.input);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(job.input);
            throw e;
        }
        byte[] accepted = EngineReply.JSON.writeValueAsBytes(job.toJson(null));
        jobs.put(job.id, job);
        workers.execute(() -> convert(job));
        EngineReply.send(message, 202, "application/json", accepted);
    }

    /** Header "id". Reply: the job's state, with download_url once done and error once failed; 404 if unknown. */
    public void status(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        ConversionJob job = find(message);
        if (job == null) {
            EngineReply.error(message, 404, "not_found", "no such job: " + message.getHeader("id", String.class));
            return;
        }
        // HTTP/1.1 clients always send Host; without one, a relative URL is still usable.
        String host = message.getHeader("Host", String.class);
        String download = (host == null ? "" : "http://" + host) + "/v1/jobs/" + job.id + "/download";
        EngineReply.send(message, 200, "application/json", EngineReply.JSON.writeValueAsBytes(job.toJson(download)));
    }

    /** Header "id". Reply: the result exactly as /v1/convert gives it; 404 if the job is unknown or not done. */
    public void download(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        ConversionJob job = find(message);
        if (job == null || job.state() != ConversionJob.State.DONE) {
            String id = message.getHeader("id", String.class);
            EngineReply.error(message, 404, "not_found", job == null ? "no such job: " + id : "job not done: " + id);
            return;
        }
        FileReply.send(exchange, job.mediaType, job.result, false);
        message.setHeader(EngineReply.RENDER_MS, job.renderMs);
    }

    @Scheduled(every = "60s")
    void expireFinished() {
        long cutoff = System.currentTimeMillis() - ttlMs;
        for (ConversionJob job : jobs.values()) {
            if (job.finishedBefore(cutoff) && jobs.remove(job.id, job)) {
                job.deleteFiles();
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        jobs.values().forEach(ConversionJob::deleteFiles);
        jobs.clear();
    }

    private void convert(ConversionJob job) {
        job.start();
        long started = System.nanoTime();
        try {
            job.result = Files.createTempFile("pdf-sluice-job-", "." + job.format.extension());
            int pages;
            try (OutputStream out = Files.newOutputStream(job.result)) {
                pages = engine.toImages(job.input, job.format, out);
            }
            job.succeed(pages == 1 ? job.format.mediaType() : "application/zip", EngineReply.elapsedMs(started));
        } catch (UnreadablePdfException | RenderLimitException e) {
            job.fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.fail("the server stopped before the conversion finished");
        } catch (Exception e) {
            LOG.warnf(e, "conversion job %s failed", job.id);
            job.fail("the conversion failed: " + e.getMessage());
        } finally {
            if (job.state() == ConversionJob.State.RUNNING) {
                job.fail("the conversion failed");
            }
            ConversionJob.deleteQuietly(job.input);
        }
    }

    private ConversionJob find(Message message) {
        String id = message.getHeader("id", String.class);
        return id == null ? null : jobs.get(id);
    }
}
