package dev.flashsale.schema.event;

/**
 * The rule every identifier in the contracts follows (request, user, item, order, worker ids and
 * the strategy name).
 *
 * <p>Beyond "non-blank and short enough for the {@code varchar(128)} columns", an id must be
 * storable unchanged: PostgreSQL rejects NUL characters in text, and the JDBC driver silently
 * replaces unpaired UTF-16 surrogates, which could make two distinct ids collide. Such ids are
 * refused up front so they never reach the database.
 */
final class Identifiers {

    /** Longest identifier, in Unicode code points; the contracts' {@code varchar(128)} columns. */
    static final int MAX_LENGTH = 128;

    private Identifiers() {}

    /**
     * Returns why {@code value} is not an acceptable identifier, or {@code null} if it is. Length
     * is counted in Unicode code points, as PostgreSQL counts {@code varchar} length.
     */
    static String problem(String value) {
        if (value.isBlank()) {
            return "must not be blank";
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, got " + length;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode text (unpaired surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text (unpaired surrogate)";
            }
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming {@code field} unless {@code value} is acceptable. */
    static String require(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem + ", got " + quoteShort(value));
        }
        return value;
    }

    /** Like {@link #require} but lets {@code null} through. */
    static String optional(String field, String value) {
        return value == null ? null : require(field, value);
    }

    /** A bounded, printable rendering of a possibly hostile value, for error messages. */
    static String quoteShort(String value) {
        int limit = 40;
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < limit; i++, shown++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (value.length() > limit) {
            out.append("... (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
