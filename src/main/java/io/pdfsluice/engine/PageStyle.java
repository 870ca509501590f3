package io.pdfsluice.engine;

import java.util.Locale;

/**
 * The stylesheet every engine-rendered document gets unless it brings its own.
 */
final class PageStyle {

    private final String css;

    PageStyle(EngineSettings settings) {
        this.css = """
                @page { size: %s; margin: %dmm; }
                body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; }
                h1, h2, h3, h4, h5, h6 { font-weight: bold; line-height: 1.2; margin: 1.2em 0 0.5em 0; page-break-after: avoid; }
                h1 { font-size: 20pt; border-bottom: 1px solid #999; padding-bottom: 0.2em; }
                h2 { font-size: 16pt; }
                h3 { font-size: 13pt; }
                h4, h5, h6 { font-size: 11pt; }
                p, ul, ol, table, pre, blockquote { margin: 0 0 0.8em 0; }
                pre, code { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; }
                code { background-color: #f2f2f2; padding: 0 2px; }
                pre { background-color: #f2f2f2; padding: 6px 8px; white-space: pre-wrap; word-wrap: break-word; }
                pre code { background-color: transparent; padding: 0; }
                blockquote { border-left: 3px solid #bbb; padding-left: 10px; color: #444; }
                table { border-collapse: collapse; width: 100%%; -fs-table-paginate: paginate; }
                th, td { border: 1px solid #888; padding: 3px 6px; text-align: left; vertical-align: top; }
                th { background-color: #e8e8e8; font-weight: bold; }
                img { max-width: 100%%; }
                """
                .formatted(paperSize(settings.pageSize()), settings.marginMm());
    }

    String css() {
        return css;
    }

    static String paperSize(String pageSize) {
        String size = pageSize == null ? "" : pageSize.trim().toLowerCase(Locale.ROOT);
        switch (size) {
            case "a4":
                return "A4";
            case "letter":
                return "letter";
            default:
                throw new IllegalArgumentException("sluice.engine.page-size must be A4 or Letter, not: " + pageSize);
        }
    }
}
