package dev.flashsale.sim.workload;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The kinds of deliberately invalid records the simulator mixes into a run. Half of them keep a readable request id
 * (the worker answers them with {@code REJECTED/INVALID_REQUEST}); the others do not (the worker copies them to the
 * dead-letter topic). {@link #readableId()} states which, and a unit test holds it to what the event codec does.
 */
public enum Corruption {
    /** A request cut off in the middle of the document: not JSON at all. */
    TRUNCATED_JSON(false),
    /** A JSON object without its request id. */
    MISSING_REQUEST_ID(false),
    /** A request id given as a number instead of a string. */
    REQUEST_ID_AS_NUMBER(false),
    /** A readable request without its item id. */
    MISSING_ITEM_ID(true),
    /** A readable request for zero units. */
    ZERO_QUANTITY(true),
    /** A readable request whose quantity is a word instead of an integer. */
    QUANTITY_AS_TEXT(true);

    private static final JsonMapper MAPPER = new JsonMapper();

    private final boolean readableId;

    Corruption(boolean readableId) {
        this.readableId = readableId;
    }

    /** Whether a worker can still read the request id, and so must answer with a result rather than a dead letter. */
    public boolean readableId() {
        return readableId;
    }

    /** The record value: a request for the given fields, damaged in this kind's way. */
    public byte[] value(String requestId, String userId, String itemId, int quantity) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (this) {
            case TRUNCATED_JSON -> {
                String whole = "{\"requestId\": \"" + requestId + "\", \"userId\": \"" + userId + "\", \"itemId\": \""
                        + itemId + "\", \"quantity\": " + quantity + "}";
                return whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8);
            }
            case MISSING_REQUEST_ID -> {
                node.put("userId", userId);
                node.put("itemId", itemId);
                node.put("quantity", quantity);
            }
            case REQUEST_ID_AS_NUMBER -> {
                node.put("requestId", requestId.hashCode() & 0x7fffffff);
                node.put("userId", userId);
                node.put("itemId", itemId);
                node.put("quantity", quantity);
            }
            case MISSING_ITEM_ID -> {
                node.put("requestId", requestId);
                node.put("userId", userId);
                node.put("quantity", quantity);
            }
            case ZERO_QUANTITY -> {
                node.put("requestId", requestId);
                node.put("userId", userId);
                node.put("itemId", itemId);
                node.put("quantity", 0);
            }
            case QUANTITY_AS_TEXT -> {
                node.put("requestId", requestId);
                node.put("userId", userId);
                node.put("itemId", itemId);
                node.put("quantity", "two");
            }
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
