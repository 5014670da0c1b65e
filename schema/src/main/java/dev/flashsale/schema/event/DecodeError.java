package dev.flashsale.schema.event;

import java.util.Objects;

/**
 * Why a record could not be decoded.
 *
 * <p>{@code requestId} decides what a worker does with a bad request: when it is set, the record
 * can be answered with a {@code REJECTED/INVALID_REQUEST} result for that id; when it is null, the
 * record goes to the dead-letter topic.
 *
 * @param kind the class of problem
 * @param field the JSON field at fault, or null when the problem is with the record as a whole
 * @param message a short human-readable explanation; never echoes large or unprintable input
 * @param requestId the record's request id if the document was a JSON object with a valid {@code
 *     requestId} string, even though other fields were bad; null otherwise (always null for {@link
 *     Kind#OVERSIZED}, which is not parsed)
 * @param userId the record's {@code userId} when it was a valid identifier string, else null
 * @param itemId the record's {@code itemId} when it was a valid identifier string, else null
 * @param quantity the record's {@code quantity} when it was an integer in {@code int} range, even
 *     one outside the allowed values (such as -1), else null
 */
public record DecodeError(
        Kind kind, String field, String message, String requestId, String userId, String itemId, Integer quantity) {

    public DecodeError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** An error about a record of which nothing but (at most) the request id could be read. */
    public DecodeError(Kind kind, String field, String message, String requestId) {
        this(kind, field, message, requestId, null, null, null);
    }

    /** Classes of decoding problems, from the outermost (bytes) to the innermost (a field's value). */
    public enum Kind {
        /** No bytes at all, or only whitespace. */
        EMPTY,
        /** Larger than {@link EventCodec#MAX_RECORD_BYTES}; rejected without being parsed. */
        OVERSIZED,
        /**
         * Not a single well-formed JSON document in UTF-8: syntax errors, a document that ends
         * early, trailing content, duplicate field names, bytes that are not text, or input past
         * the parser's safety limits (nesting depth, length of a single number).
         */
        NOT_JSON,
        /** Well-formed JSON, but not an object (an array, a string, a number, {@code null}...). */
        NOT_AN_OBJECT,
        /** A required field is absent or JSON {@code null}. */
        MISSING_FIELD,
        /** A field has the wrong JSON type (for example a quantity given as a string or a fraction). */
        WRONG_TYPE,
        /** A field has the right type but a value outside its rules (blank id, quantity below 1...). */
        INVALID_VALUE
    }
}
