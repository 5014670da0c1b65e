package dev.flashsale.stack.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Names that no other test, run or machine uses, valid as Kafka topic, consumer group and PostgreSQL identifier
 * alike: lower-case letters, digits and underscores, starting with a letter, at most {@value #MAX_LENGTH}
 * characters.
 */
public final class UniqueNames {
    /** PostgreSQL truncates identifiers longer than 63 bytes; stay below. */
    public static final int MAX_LENGTH = 63;

    private static final int MAX_PREFIX_LENGTH = 40;
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_]");
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_LENGTH - 1) + "}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 6;

    private static final SecureRandom RANDOM = new SecureRandom();
    // differs per JVM, so two test JVMs sharing an external server never collide
    private static final String RUN_TOKEN = randomToken();
    private static final AtomicLong COUNTER = new AtomicLong();

    private UniqueNames() {}

    /**
     * {@code prefix} made safe, plus a per-JVM random token and a counter, e.g. {@code orders_x7k2qa_3}.
     *
     * @param prefix a readable hint; characters outside {@code [a-z0-9_]} become {@code _}
     */
    public static String next(String prefix) {
        String safe = NOT_ALLOWED.matcher(prefix.toLowerCase(Locale.ROOT)).replaceAll("_");
        if (safe.isEmpty() || !Character.isLetter(safe.charAt(0))) {
            safe = "n" + safe;
        }
        if (safe.length() > MAX_PREFIX_LENGTH) {
            safe = safe.substring(0, MAX_PREFIX_LENGTH);
        }
        return safe + "_" + RUN_TOKEN + "_" + COUNTER.incrementAndGet();
    }

    /** Whether {@code name} has the shape {@link #next} produces, which is safe to use as an SQL identifier. */
    public static boolean isSafeIdentifier(String name) {
        return VALID.matcher(name).matches();
    }

    private static String randomToken() {
        StringBuilder token = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
