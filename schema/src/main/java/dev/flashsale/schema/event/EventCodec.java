package dev.flashsale.schema.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Converts the event contracts to and from their JSON wire form (UTF-8).
 *
 * <p>Decoding is total: for any byte array, including null, empty, oversized, binary or hostile
 * input, {@code decode*} returns a {@link Decoded} and never throws. A record is checked against the
 * full contract before a value is built; fields this version does not know are ignored so that
 * producers can add fields without breaking older consumers. Duplicate field names are refused
 * (as {@link DecodeError.Kind#NOT_JSON}) because different readers would pick different values.
 *
 * <p>Encoding leaves out null fields. Instances are stateless and thread-safe; they share one
 * Jackson reader and writer.
 */
public final class EventCodec {

    /** Records larger than this many bytes are refused without being parsed. */
    public static final int MAX_RECORD_BYTES = 16 * 1024;

    /**
     * Maximum length of any identifier, in characters (Unicode code points, as PostgreSQL counts
     * them); matches the {@code varchar(128)} columns.
     */
    public static final int MAX_ID_LENGTH = Identifiers.MAX_LENGTH;

    // Limits how much of a parser message ends up in a DecodeError.
    private static final int MAX_PARSER_DETAIL = 120;

    private static final String REQUEST_ID = "requestId";
    private static final String USER_ID = "userId";
    private static final String ITEM_ID = "itemId";
    private static final String QUANTITY = "quantity";
    private static final String STATUS = "status";
    private static final String REASON = "reason";
    private static final String ORDER_ID = "orderId";
    private static final String STRATEGY = "strategy";
    private static final String WORKER_ID = "workerId";
    private static final String TIMESTAMP = "timestamp";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    /** Encodes a request as a JSON object with fields requestId, userId, itemId and quantity. */
    public byte[] encode(PurchaseRequest request) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(REQUEST_ID, request.requestId());
        node.put(USER_ID, request.userId());
        node.put(ITEM_ID, request.itemId());
        node.put(QUANTITY, request.quantity());
        return write(node, "purchase request " + request.requestId());
    }

    /**
     * Encodes a result as a JSON object with fields requestId, userId, itemId, quantity, status,
     * reason, orderId, strategy, workerId and timestamp (ISO-8601), leaving out null fields.
     */
    public byte[] encode(PurchaseResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(REQUEST_ID, result.requestId());
        putIfPresent(node, USER_ID, result.userId());
        putIfPresent(node, ITEM_ID, result.itemId());
        node.put(QUANTITY, result.quantity());
        node.put(STATUS, result.status().name());
        putIfPresent(
                node, REASON, result.reason() == null ? null : result.reason().name());
        putIfPresent(node, ORDER_ID, result.orderId());
        node.put(STRATEGY, result.strategy());
        node.put(WORKER_ID, result.workerId());
        node.put(TIMESTAMP, result.decidedAt().toString());
        return write(node, "purchase result " + result.requestId());
    }

    /**
     * Decodes a {@code purchase-requests} value. The quantity is only checked to be a positive
     * {@code int}; its upper bound is the worker's business.
     */
    public Decoded<PurchaseRequest> decodeRequest(byte[] bytes) {
        return decode(bytes, fields -> {
            String requestId = fields.requiredId(REQUEST_ID);
            String userId = fields.requiredId(USER_ID);
            String itemId = fields.requiredId(ITEM_ID);
            int quantity = fields.requiredInt(QUANTITY);
            if (quantity < 1) {
                throw new InvalidField(
                        DecodeError.Kind.INVALID_VALUE, QUANTITY, "quantity must be at least 1, got " + quantity);
            }
            return construct(() -> new PurchaseRequest(requestId, userId, itemId, quantity));
        });
    }

    /** Decodes a {@code purchase-results} value, including the consistency rules of {@link PurchaseResult}. */
    public Decoded<PurchaseResult> decodeResult(byte[] bytes) {
        return decode(bytes, fields -> {
            String requestId = fields.requiredId(REQUEST_ID);
            String userId = fields.optionalId(USER_ID);
            String itemId = fields.optionalId(ITEM_ID);
            int quantity = fields.requiredInt(QUANTITY);
            Status status = fields.requiredEnum(STATUS, Status.class);
            Reason reason = fields.optionalEnum(REASON, Reason.class);
            String orderId = fields.optionalId(ORDER_ID);
            String strategy = fields.requiredId(STRATEGY);
            String workerId = fields.requiredId(WORKER_ID);
            Instant decidedAt = fields.requiredInstant(TIMESTAMP);
            return construct(() -> new PurchaseResult(
                    requestId, userId, itemId, quantity, status, reason, orderId, strategy, workerId, decidedAt));
        });
    }

    @FunctionalInterface
    private interface FieldsReader<T> {
        T read(JsonFields fields) throws InvalidField;
    }

    private static <T> Decoded<T> decode(byte[] bytes, FieldsReader<T> reader) {
        if (bytes == null || bytes.length == 0) {
            return invalid(DecodeError.Kind.EMPTY, "record is empty");
        }
        if (bytes.length > MAX_RECORD_BYTES) {
            return invalid(
                    DecodeError.Kind.OVERSIZED,
                    "record is " + bytes.length + " bytes, more than the limit of " + MAX_RECORD_BYTES);
        }
        JsonNode root;
        try {
            root = READER.readTree(bytes);
        } catch (JacksonException e) {
            if (endedEarly(e, bytes.length)) {
                return invalid(DecodeError.Kind.NOT_JSON, "JSON document ended early (truncated record?)");
            }
            return invalid(DecodeError.Kind.NOT_JSON, "not valid JSON: " + parserDetail(e.getOriginalMessage()));
        } catch (IOException e) {
            return invalid(DecodeError.Kind.NOT_JSON, "not readable as JSON text: " + parserDetail(e.getMessage()));
        } catch (RuntimeException e) {
            // Not expected from the parser; still answered as bad input so that one poison record
            // cannot stop a consumer.
            return invalid(
                    DecodeError.Kind.NOT_JSON,
                    "could not be parsed: " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode()) {
            return invalid(DecodeError.Kind.EMPTY, "record contains only whitespace");
        }
        if (!root.isObject()) {
            return invalid(DecodeError.Kind.NOT_AN_OBJECT, "expected a JSON object, got " + JsonFields.describe(root));
        }
        JsonFields fields = new JsonFields(root);
        try {
            return new Decoded.Ok<>(reader.read(fields));
        } catch (InvalidField e) {
            return new Decoded.Invalid<>(e.toError(
                    fields.validIdOrNull(REQUEST_ID),
                    fields.validIdOrNull(USER_ID),
                    fields.validIdOrNull(ITEM_ID),
                    fields.intOrNull(QUANTITY)));
        }
    }

    /**
     * Jackson signals most premature ends with {@link JsonEOFException}, but some (such as input
     * stopping right after a comma) with a plain parse error located past the last byte.
     */
    private static boolean endedEarly(JacksonException e, int length) {
        if (e instanceof JsonEOFException) {
            return true;
        }
        JsonLocation location = e.getLocation();
        return location != null && location.getByteOffset() >= length;
    }

    @FunctionalInterface
    private interface Constructor<T> {
        T get();
    }

    /**
     * Runs a record constructor after the fields were checked; a rule the field checks do not
     * cover (such as the status/reason/orderId combination of a result) surfaces here.
     */
    private static <T> T construct(Constructor<T> constructor) throws InvalidField {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidField(DecodeError.Kind.INVALID_VALUE, null, e.getMessage());
        }
    }

    private static <T> Decoded<T> invalid(DecodeError.Kind kind, String message) {
        return new Decoded.Invalid<>(new DecodeError(kind, null, message, null));
    }

    private static String parserDetail(String message) {
        if (message == null) {
            return "no details";
        }
        String firstLine = message.lines().findFirst().orElse("");
        String bounded =
                firstLine.length() > MAX_PARSER_DETAIL ? firstLine.substring(0, MAX_PARSER_DETAIL) + "..." : firstLine;
        StringBuilder printable = new StringBuilder(bounded.length());
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            // Parser messages can quote raw input; keep them to one printable line.
            printable.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return printable.toString();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static byte[] write(ObjectNode node, String what) {
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; reaching this is a bug, not bad input.
            throw new UncheckedIOException("could not encode " + what, e);
        }
    }
}
