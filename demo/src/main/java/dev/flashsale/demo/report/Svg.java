package dev.flashsale.demo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The few things every chart writes: escaped text, compact numbers, axis ticks, and a legend. */
final class Svg {

    /** Width of every chart's drawing, in user units; the page scales it to the column's width. */
    static final int WIDTH = 880;

    static final String FONT = "font-family=\"system-ui, sans-serif\" font-size=\"12\"";
    static final String AXIS = "#555";
    static final String GRID = "#e3e3e3";

    private Svg() {}

    /** Text escaped for an SVG or HTML element or attribute. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate, to a tenth of a unit. */
    static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A value for a label: thousands separated, no decimals from 100 up or for whole numbers, else one or two. */
    static String value(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Opens a chart of the given height, labelled for screen readers. */
    static void open(StringBuilder svg, int height, String label) {
        svg.append("<svg viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(label))
                .append("\" ")
                .append(FONT)
                .append(">\n");
        svg.append("<title>").append(esc(label)).append("</title>\n");
    }

    static void text(StringBuilder svg, double x, double y, String anchor, String fill, String text) {
        svg.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" fill=\"")
                .append(fill)
                .append("\">")
                .append(esc(text))
                .append("</text>\n");
    }

    /** Text with a white halo, readable where it crosses a line or a bar. */
    static void label(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">")
                .append(esc(text))
                .append("</text>\n");
    }

    static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String stroke, String extra) {
        svg.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append("\" stroke=\"")
                .append(stroke)
                .append('"')
                .append(extra.isEmpty() ? "" : " " + extra)
                .append("/>\n");
    }

    static void rect(StringBuilder svg, double x, double y, double width, double height, String fill, String tip) {
        svg.append("<rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(Math.max(0, width)))
                .append("\" height=\"")
                .append(n(height))
                .append("\" fill=\"")
                .append(fill)
                .append('"');
        if (tip == null) {
            svg.append("/>\n");
        } else {
            svg.append("><title>").append(esc(tip)).append("</title></rect>\n");
        }
    }

    /** One legend entry: a colour (a swatch, or a dashed line when {@code dashed}) and its name. */
    record Key(String label, String color, boolean dashed) {}

    /**
     * Draws the legend in rows from {@code (x, y)} within {@code width}; returns the height it took.
     */
    static int legend(StringBuilder svg, double x, double y, double width, List<Key> keys) {
        double cx = x;
        double cy = y;
        for (Key key : keys) {
            double itemWidth = 26 + key.label().length() * 6.6 + 18;
            if (cx + itemWidth > x + width && cx > x) {
                cx = x;
                cy += 18;
            }
            if (key.dashed()) {
                line(svg, cx, cy - 4, cx + 20, cy - 4, key.color(), "stroke-width=\"2\" stroke-dasharray=\"5 3\"");
            } else {
                rect(svg, cx, cy - 10, 20, 11, key.color(), null);
            }
            text(svg, cx + 26, cy, "start", "#222", key.label());
            cx += itemWidth;
        }
        return (int) (cy - y) + 18;
    }

    /** Round tick values from 0 to at least {@code max}: about five steps of 1, 2 or 5 times a power of ten. */
    static List<Double> ticks(double max) {
        double top = max > 0 ? max : 1;
        double rough = top / 5;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = power;
        for (double factor : new double[] {1, 2, 5, 10}) {
            step = factor * power;
            if (step >= rough) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; t < top + step; t += step) {
            ticks.add(t);
            if (t >= top) {
                break;
            }
        }
        return ticks;
    }
}
