package dev.flashsale.demo.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page: a header naming the run, then sections of one chart each with the exact numbers below
 * it. Styles and charts are inline (SVG drawn by this package), so the file opens offline and can be mailed as it is.
 */
public final class HtmlReport {

    /** A heading, a sentence on how to read the chart, the chart, and optionally the numbers. */
    private record Section(String heading, String intro, String svg, HtmlTable table) {}

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:0 16px 48px;color:#222;\
            line-height:1.45}
            h1{font-size:1.5em;margin:24px 0 8px}h2{font-size:1.15em;margin:32px 0 4px}
            header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0;font-size:.9em}
            header dt{color:#555}header dd{margin:0}code{font-size:.95em;word-break:break-all}
            figure{margin:8px 0}svg{width:100%;height:auto;display:block}
            p.intro{margin:4px 0;color:#444;font-size:.92em}
            table{border-collapse:collapse;font-size:.85em;margin:8px 0;width:100%}
            th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left}th{background:#f4f4f4}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.pass{color:#2e7d32;font-weight:600}td.fail{color:#c62828;font-weight:600}\
            td.expected{color:#ef6c00;font-weight:600}
            .verdict{font-weight:600}.verdict.pass{color:#2e7d32}.verdict.fail{color:#c62828}
            """;

    private final String title;
    private final RunContext context;
    private final List<String> facts = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private String verdict;

    public HtmlReport(String title, RunContext context) {
        this.title = title;
        this.context = context;
    }

    /** A line for the header, such as the workload or the worker settings. */
    public HtmlReport fact(String name, String value) {
        facts.add("<dt>" + Svg.esc(name) + "</dt><dd>" + Svg.esc(value) + "</dd>");
        return this;
    }

    /** The run's overall verdict, shown under the title. */
    public HtmlReport verdict(boolean pass, String text) {
        verdict = "<p class=\"verdict " + (pass ? "pass" : "fail") + "\">" + Svg.esc(text) + "</p>";
        return this;
    }

    public HtmlReport section(String heading, String intro, String svg, HtmlTable table) {
        sections.add(new Section(heading, intro, svg, table));
        return this;
    }

    public String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Svg.esc(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(Svg.esc(title))
                .append("</h1>\n");
        if (verdict != null) {
            out.append(verdict).append('\n');
        }
        out.append("<dl>\n")
                .append("<dt>command</dt><dd><code>")
                .append(Svg.esc(context.command()))
                .append("</code></dd>\n")
                .append("<dt>machine</dt><dd>")
                .append(Svg.esc(context.machine()))
                .append("</dd>\n")
                .append("<dt>servers</dt><dd>")
                .append(Svg.esc(context.servers()))
                .append("</dd>\n")
                .append("<dt>finished</dt><dd>")
                .append(Svg.esc(context.finishedText()))
                .append("</dd>\n");
        facts.forEach(fact -> out.append(fact).append('\n'));
        out.append("</dl>\n</header>\n");
        for (Section section : sections) {
            out.append("<section>\n<h2>").append(Svg.esc(section.heading())).append("</h2>\n");
            if (section.intro() != null && !section.intro().isBlank()) {
                out.append("<p class=\"intro\">")
                        .append(Svg.esc(section.intro()))
                        .append("</p>\n");
            }
            out.append("<figure>\n").append(section.svg()).append("</figure>\n");
            if (section.table() != null) {
                out.append(section.table().html());
            }
            out.append("</section>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** Writes the page to {@code file}, creating its directory; returns the absolute path. */
    public Path write(Path file) {
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target, e);
        }
        return target;
    }

    /** Where a report goes when no {@code --html} is given: {@code target/reports/<kind>-<date-time>.html}. */
    public static Path defaultPath(String kind) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return Path.of("target", "reports", kind + "-" + stamp + ".html");
    }

    /**
     * A chart as a file of its own, for a README or a slide: the same drawing with the namespace a standalone SVG file
     * needs.
     */
    public static Path writeSvg(Path file, String svg) {
        String standalone = svg.replaceFirst("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + standalone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + target, e);
        }
        return target;
    }
}
