package dev.flashsale.demo.report;

/** One colour per meaning, the same in every report; dark enough for white labels on them. */
public final class Colors {

    public static final String PEAK = "#1565c0";
    public static final String PEAK_TAIL = "#64b5f6";
    public static final String HALF_PEAK = "#e65100";
    public static final String HALF_PEAK_TAIL = "#ffb74d";

    public static final String SUCCEEDED = "#2e7d32";
    public static final String SOLD_OUT = "#757575";
    public static final String CONFLICT = "#ef6c00";
    public static final String LOCK_TIMEOUT = "#c62828";
    public static final String OTHER = "#6a1b9a";

    public static final String CEILING_GUARDED = "#c62828";
    public static final String CEILING_PESSIMISTIC = "#6a1b9a";
    public static final String CEILING_KAFKA = "#2e7d32";

    public static final String PASS = "#2e7d32";
    public static final String FAIL = "#c62828";
    public static final String EXPECTED = "#ef6c00";

    /** Distinct line colours, for one line per strategy. */
    private static final String[] LINES = {
        "#1565c0", "#e65100", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#ad1457", "#455a64", "#9e9d24"
    };

    private Colors() {}

    public static String line(int index) {
        return LINES[index % LINES.length];
    }

    /** The colour of a verdict: PASS, EXPECTED_OVERSELL (the documented exception) or FAIL. */
    public static String verdict(String verdict) {
        return switch (verdict) {
            case "PASS" -> PASS;
            case "EXPECTED_OVERSELL" -> EXPECTED;
            default -> FAIL;
        };
    }
}
