package dev.flashsale.schema.event;

import java.util.Objects;

/**
 * The outcome of decoding one record: either a valid value or a description of what is wrong with
 * the bytes. Decoding never throws, so a poison record always ends up here rather than stalling
 * the consumer.
 *
 * @param <T> the decoded contract type
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Invalid {

    /** The record was valid; {@code value} satisfies every rule of its type. */
    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The record was not valid; {@code error} says why and, if it could be read, for which request. */
    record Invalid<T>(DecodeError error) implements Decoded<T> {
        public Invalid {
            Objects.requireNonNull(error, "error");
        }
    }
}
