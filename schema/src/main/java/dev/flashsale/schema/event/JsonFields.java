package dev.flashsale.schema.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Typed, validating access to the fields of one parsed JSON object. Each accessor either returns a
 * value that satisfies the contract or throws {@link InvalidField} describing the first problem.
 *
 * <p>Absent fields and fields set to JSON {@code null} are treated alike, as missing.
 */
final class JsonFields {

    private final JsonNode object;

    JsonFields(JsonNode object) {
        this.object = object;
    }

    /** The value of {@code name} if it is a valid identifier string, else null; never throws. */
    String validIdOrNull(String name) {
        JsonNode node = object.get(name);
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.textValue();
        return Identifiers.problem(text) == null ? text : null;
    }

    /** The value of {@code name} if it is an integer in {@code int} range, else null; never throws. */
    Integer intOrNull(String name) {
        JsonNode node = object.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            return null;
        }
        return node.intValue();
    }

    String requiredId(String name) throws InvalidField {
        String id = optionalId(name);
        if (id == null) {
            throw missing(name);
        }
        return id;
    }

    String optionalId(String name) throws InvalidField {
        String text = optionalText(name);
        if (text == null) {
            return null;
        }
        String problem = Identifiers.problem(text);
        if (problem != null) {
            throw new InvalidField(DecodeError.Kind.INVALID_VALUE, name, name + " " + problem);
        }
        return text;
    }

    /** An integer in {@code int} range; floating-point numbers, strings and booleans are the wrong type. */
    int requiredInt(String name) throws InvalidField {
        JsonNode node = present(name);
        if (node == null) {
            throw missing(name);
        }
        if (!node.isIntegralNumber()) {
            throw wrongType(name, "an integer", node);
        }
        if (!node.canConvertToInt()) {
            throw new InvalidField(
                    DecodeError.Kind.INVALID_VALUE,
                    name,
                    name + " must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return node.intValue();
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) throws InvalidField {
        E value = optionalEnum(name, type);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) throws InvalidField {
        String text = optionalText(name);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidField(
                DecodeError.Kind.INVALID_VALUE,
                name,
                name + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", got "
                        + Identifiers.quoteShort(text));
    }

    /** An ISO-8601 instant such as {@code 2025-01-31T12:00:00Z}. */
    Instant requiredInstant(String name) throws InvalidField {
        String text = optionalText(name);
        if (text == null) {
            throw missing(name);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidField(
                    DecodeError.Kind.INVALID_VALUE,
                    name,
                    name + " must be an ISO-8601 instant, got " + Identifiers.quoteShort(text));
        }
    }

    private String optionalText(String name) throws InvalidField {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string", node);
        }
        return node.textValue();
    }

    private JsonNode present(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static InvalidField missing(String name) {
        return new InvalidField(DecodeError.Kind.MISSING_FIELD, name, name + " is missing");
    }

    private static InvalidField wrongType(String name, String expected, JsonNode actual) {
        return new InvalidField(
                DecodeError.Kind.WRONG_TYPE, name, name + " must be " + expected + ", got " + describe(actual));
    }

    static String describe(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a floating-point number";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
