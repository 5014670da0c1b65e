package dev.flashsale.schema.event;

import java.nio.charset.StandardCharsets;

/** Test helper: JSON written with single quotes for readability, as UTF-8 bytes. */
final class Json {

    private Json() {}

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
