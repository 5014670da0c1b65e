package dev.flashsale.schema.event;

/**
 * Internal signal that a field failed validation; always caught inside {@link EventCodec} and
 * turned into a {@link DecodeError}. Carries no stack trace because it is an expected outcome.
 */
final class InvalidField extends Exception {

    private static final long serialVersionUID = 1L;

    private final DecodeError.Kind kind;
    private final String field;

    InvalidField(DecodeError.Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    /** The error, with whatever of the request could still be read. */
    DecodeError toError(String requestId, String userId, String itemId, Integer quantity) {
        return new DecodeError(kind, field, getMessage(), requestId, userId, itemId, quantity);
    }
}
