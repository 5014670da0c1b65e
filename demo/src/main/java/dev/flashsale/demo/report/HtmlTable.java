package dev.flashsale.demo.report;

import java.util.ArrayList;
import java.util.List;

/** A plain table under a chart, for the exact numbers; verdict cells are coloured. */
public final class HtmlTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public HtmlTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; a null cell prints as "-". */
    public HtmlTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    String html() {
        StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
        for (String name : header) {
            out.append("<th>").append(Svg.esc(name)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                String css = switch (cell) {
                    case "PASS" -> " class=\"pass\"";
                    case "FAIL" -> " class=\"fail\"";
                    case "EXPECTED_OVERSELL" -> " class=\"expected\"";
                    default -> cell.matches("[-+]?[0-9][0-9,.]*( ?%| s| ms)?") ? " class=\"num\"" : "";
                };
                out.append("<td").append(css).append('>').append(Svg.esc(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }
}
