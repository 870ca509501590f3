package io.pdfsluice.inbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;
import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.Window;
import io.pdfsluice.provider.ApiProfile;
import io.pdfsluice.provider.ApiProfiles;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * sluice.dry-run: which plan do I need? Reads every file in the inbox as a run would (the same manifest readers, the
 * same routing of each kind to its provider, batches included), calls no API and moves no file, then prints for each
 * provider the documents and requests it would get and, for its plan and for each preset, the time its windows need
 * for them (the fastest the plan allows), the windows crossed and the quota used. With sluice.dry-run.deadline it names
 * the cheapest preset that finishes in time. Then the app exits 0. (The routes do not start in a dry run:
 * PlanConfigSourceFactory sets camel.main.auto-startup=false.)
 */
@ApplicationScoped
public class DryRun {

    private static final Logger LOG = Logger.getLogger(DryRun.class);
    @Inject
    InboxConfig config;
    @Inject
    Manifest manifest;
    @Inject
    ApiProfiles profiles;
    @Inject
    CamelContext camel;

    void onStart(@Observes StartupEvent start) throws IOException {
        if (!config.dryRun().enabled()) {
            return;
        }
        for (String line : report(Path.of(config.folder()), config.dryRun().deadline())) {
            LOG.info(line);
        }
        Quarkus.asyncExit(0);
    }

    /** The dry run's lines for the inbox at {@code folder}. */
    List<String> report(Path folder, Optional<Duration> deadline) throws IOException {
        Map<ApiProfile, long[]> byProvider = new LinkedHashMap<>(); // documents, of which batched
        long invalid = 0;
        List<Path> files = new ArrayList<>();
        List<Path> links = new ArrayList<>(); // not read, as a run would not (InboxLinks)
        if (Files.isDirectory(folder)) {
            try (var list = Files.list(folder)) {
                list.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).sorted()
                        .forEach(p -> (Files.isSymbolicLink(p) ? links : files).add(p));
            }
        }
        for (Path file : files) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(file.toFile());
            Iterator<Document> documents = manifest.documents(exchange);
            try {
                while (documents.hasNext()) {
                    Document d = documents.next();
                    if (d.isInvalid()) {
                        invalid++;
                        continue;
                    }
                    ApiProfile to = profiles.forKind(d.kind());
                    long[] counts = byProvider.computeIfAbsent(to, p -> new long[2]);
                    counts[0]++;
                    if (to.batchSize() > 1 && d.kind() != Kind.PDF) {
                        counts[1]++;
                    }
                }
            } finally {
                if (documents instanceof Closeable closeable) {
                    closeable.close();
                }
            }
        }
        List<String> lines = new ArrayList<>();
        long total = byProvider.values().stream().mapToLong(c -> c[0]).sum();
        lines.add(String.format("Dry run: %d files, %d documents in %s (%d that would fail at intake); no API called",
                files.size(), total, folder, invalid));
        if (!links.isEmpty()) {
            lines.add(String.format("  not read: %d symbolic links, which a run files under .failed/ (%s)", links.size(),
                    links.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))));
        }
        for (Map.Entry<ApiProfile, long[]> e : byProvider.entrySet()) {
            ApiProfile p = e.getKey();
            long documents = e.getValue()[0];
            long batched = e.getValue()[1];
            long requests = documents - batched + (batched + p.batchSize() - 1) / p.batchSize();
            lines.add(String.format("Provider %s (%s): %d documents in %d requests%s", p.name(), p.profile(), documents,
                    requests, batched > 0 ? " (" + batched + " in batches of up to " + p.batchSize() + ")" : ""));
            if (p.plan().name().equals("engine")) {
                lines.add("  not metered: its pace is what it converts at once (sluice.concurrency)");
                continue;
            }
            lines.add(String.format("  %-10s %12s %16s %20s", "plan", "time", "windows crossed", "quota used"));
            lines.add(row("your " + p.plan().name(), p.plan(), requests, documents));
            String cheapest = null;
            for (String preset : Plan.presets(p.profile()).keySet()) {
                Plan plan = Plan.of(p.profile(), preset, null, ZoneOffset.UTC);
                lines.add(row(preset, plan, requests, documents));
                if (cheapest == null && deadline.isPresent() && timeMs(plan, requests) <= deadline.get().toMillis()) {
                    cheapest = preset;
                }
            }
            if (deadline.isPresent()) {
                lines.add(cheapestLine(cheapest, documents, deadline.get()));
            }
        }
        return lines;
    }

    private static String cheapestLine(String cheapest, long documents, Duration deadline) {
        return cheapest == null
                ? String.format("  %d documents within %s: no preset is fast enough; ask for a custom plan", documents,
                        human(deadline.toMillis()))
                : String.format("  %d documents within %s: %s is the cheapest plan that does it", documents,
                        human(deadline.toMillis()), cheapest);
    }

    private static String row(String name, Plan plan, long requests, long documents) {
        Window primary = plan.primary();
        long windows = requests == 0 ? 0 : (requests + primary.limit() - 1) / primary.limit();
        String quota = plan.quota().map(q -> documents + " of " + q.limit() + (documents > q.limit() ? " (over)" : ""))
                .orElse(String.valueOf(documents));
        return String.format("  %-10s %12s %16d %20s", name, human(timeMs(plan, requests)), windows, quota);
    }

    /**
     * The fastest every window of the plan lets {@code requests} through: the first L of each go at once. A calendar
     * window past its limit waits for its next period, counted at its longest (a 31-day month).
     */
    static long timeMs(Plan plan, long requests) {
        long time = 0;
        for (Window w : plan.windows()) {
            time = Math.max(time, requests == 0 ? 0 : ((requests - 1) / w.limit()) * w.periodMs());
        }
        return time;
    }

    static String human(long ms) {
        if (ms < 60_000) {
            return ms / 1000 + " s";
        }
        if (ms < 7_200_000) {
            return String.format("%.1f min", ms / 60_000.0);
        }
        return String.format("%.1f h", ms / 3_600_000.0);
    }
}
