package io.pdfsluice.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.pdfsluice.engine.MarkdownPage;
import io.pdfsluice.limiter.WindowUse;

/**
 * outbox/&lt;stem&gt;.report.html, beside the JSON report: one self-contained page (inline style and SVG, no script,
 * nothing fetched) that opens from disk. The summary; for each provider, its requests in every window of its plan
 * against the limit over the batch's life, with its 429s, the retries and the breaker's open spells on the same time
 * axis (from {@link PaceLog}, which keeps {@value PaceLog#KEPT_HOURS} hours); and the failures with their reasons.
 */
final class HtmlReport {

    private static final String[] COLOURS = { "#1f5fa8", "#2f7d4f", "#a15c00", "#6b3fa0", "#00838f" };
    /** At most this many points a line: a long batch's seconds are taken in steps, the highest of each. */
    static final int POINTS = 600;
    private static final int W = 800;
    private static final int H = 180;
    private static final int TOP = 12;
    private static final int BOTTOM = 22;

    private HtmlReport() {
    }

    static String of(Report report, long startedAtMs, List<PaceLog.Sample> samples) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\"><title>")
                .append(esc(report.file())).append(" — pdf-sluice report</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d2329}")
                .append("table{border-collapse:collapse}td,th{text-align:left;padding:.3em .7em;")
                .append("border-bottom:1px solid #e3e6ea}svg{border:1px solid #eef0f2;background:#fbfcfd}")
                .append(".muted{color:#7a848e}.legend span{margin-right:1.2em}</style></head><body>\n");
        h.append("<h1>").append(esc(report.file())).append("</h1>\n<table id=\"summary\">");
        row(h, "started", Instant.ofEpochMilli(startedAtMs).toString());
        row(h, "documents", String.valueOf(report.documents()));
        row(h, "delivered", String.valueOf(report.ok()));
        row(h, "skipped (already in the outbox)", String.valueOf(report.skipped()));
        row(h, "failed", String.valueOf(report.failed()));
        row(h, "time", String.format(Locale.ROOT, "%.1f s", report.elapsedSeconds()));
        row(h, "rate", String.format(Locale.ROOT, "%.2f documents/s", report.docsPerSecond()));
        report.deliveredBy().forEach((provider, n) -> row(h, "delivered by " + provider, String.valueOf(n)));
        h.append("</table>\n<h2>Pace against the plan</h2>\n");
        if (samples.size() < 2) {
            h.append("<p class=\"muted\">No pace to draw.</p>\n");
        } else {
            for (String provider : providers(samples)) {
                chart(h, provider, samples);
            }
        }
        h.append("<h2>Failures</h2>\n");
        if (report.failures().isEmpty()) {
            h.append("<p class=\"muted\" id=\"no-failures\">None.</p>\n");
        } else {
            h.append("<table id=\"failures\"><tr><th>id</th><th>where</th><th>reason</th></tr>\n");
            for (Report.Failure f : report.failures()) {
                h.append("<tr><td>").append(esc(f.id())).append("</td><td>").append(esc(f.where()))
                        .append("</td><td>").append(esc(f.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (report.failed() > report.failures().size()) {
                h.append("<p class=\"muted\">The first ").append(report.failures().size()).append(" of ")
                        .append(report.failed()).append("; all of them are in the failures file.</p>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static Set<String> providers(List<PaceLog.Sample> samples) {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.addAll(s.providers().keySet()));
        return names;
    }

    /** One provider's windows (used ÷ limit, 0-120 %), its 429s (red), the retries (orange), the breaker open (grey). */
    private static void chart(StringBuilder h, String provider, List<PaceLog.Sample> samples) {
        PaceLog.Sample last = samples.get(samples.size() - 1);
        // the plan's windows as last sampled: the first and last samples are counts only (PaceLog.counts)
        List<WindowUse> windows = List.of();
        for (int i = samples.size() - 1; i >= 0 && windows.isEmpty(); i--) {
            PaceLog.Provider p = samples.get(i).providers().get(provider);
            windows = p == null ? windows : p.windows();
        }
        long t0 = samples.get(0).atMs();
        double span = Math.max(1, last.atMs() - t0);
        h.append("<h3>").append(esc(provider)).append("</h3>\n<svg class=\"pace\" data-provider=\"").append(esc(provider))
                .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W)
                .append(' ').append(H).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        int step = Math.max(1, (samples.size() + POINTS - 1) / POINTS);
        for (int i = 1; i < samples.size(); i++) {
            PaceLog.Provider p = samples.get(i).providers().get(provider);
            PaceLog.Provider before = samples.get(i - 1).providers().get(provider);
            double x = x(samples.get(i).atMs(), t0, span);
            if (p != null && p.breakerOpen()) { // open at this sample: grey back to the one before
                double from = x(samples.get(i - 1).atMs(), t0, span);
                h.append(String.format(Locale.ROOT, "<rect class=\"breaker-open\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                        + " height=\"%d\" fill=\"#d7dbe0\"/>\n", from, TOP, Math.max(1.0, x - from), H - TOP - BOTTOM));
            }
            if (p != null && before != null && p.rateLimited() > before.rateLimited()) {
                mark(h, "rate-limited", x, "#b3261e", p.rateLimited() - before.rateLimited() + " × 429");
            }
            if (samples.get(i).retries() > samples.get(i - 1).retries()) {
                mark(h, "retry", x, "#e08a00", samples.get(i).retries() - samples.get(i - 1).retries() + " retries");
            }
        }
        h.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"0\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/>\n<text x=\"4\" y=\"%.1f\" font-size=\"10\" "
                + "fill=\"#7a848e\">limit</text>\n", W, y(1), y(1), y(1) - 3));
        List<String> legend = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            WindowUse window = windows.get(w);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < samples.size(); i += step) {
                int used = -1;
                long at = samples.get(i).atMs();
                for (int k = i; k < Math.min(samples.size(), i + step); k++) {
                    used = Math.max(used, PaceLog.used(samples.get(k), provider, w, window.window()));
                }
                if (used >= 0) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(at, t0, span),
                            y((double) used / window.limit())));
                }
            }
            String colour = COLOURS[w % COLOURS.length];
            h.append("<polyline data-window=\"").append(esc(window.window().toString())).append("\" fill=\"none\" ")
                    .append("stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            legend.add("<span style=\"color:" + colour + "\">" + esc(window.window().toString()) + "</span>");
        }
        h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\" fill=\"#7a848e\">0 s</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#7a848e\" text-anchor=\"end\">%.0f s</text>\n",
                H - 6, W - 4, H - 6, span / 1000));
        h.append("</svg>\n<p class=\"legend\">").append(String.join("", legend))
                .append("<span style=\"color:#b3261e\">| 429</span><span style=\"color:#e08a00\">| retry</span>")
                .append("<span class=\"muted\">grey: breaker open</span></p>\n");
    }

    private static void mark(StringBuilder h, String kind, double x, String colour, String title) {
        h.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\">"
                + "<title>%s</title></line>\n", kind, x, x, TOP, H - BOTTOM, colour, esc(title)));
    }

    private static double x(long at, long t0, double span) {
        return (at - t0) * W / span;
    }

    private static double y(double share) {
        return TOP + (H - TOP - BOTTOM) * (1 - Math.min(share, 1.2) / 1.2);
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String esc(String s) {
        return s == null ? "" : MarkdownPage.escape(s);
    }
}
