package dev.flashsale.sim.workload;

import java.nio.charset.StandardCharsets;

/**
 * What the simulator puts in the Kafka record key of a request, and so how requests spread over partitions. Workers
 * must be correct under every choice; the choice changes how much contention one consumer sees.
 */
public enum KeyMode {
    /** The item id: all requests for one item go to one partition, hence one consumer at a time. */
    ITEM,
    /** The user id: requests for a hot item spread over every partition and meet in the database. */
    USER,
    /** No key: the producer spreads records over partitions itself. */
    NONE;

    /** The key for a request by {@code userId} for {@code itemId}, or null for {@link #NONE}. */
    public byte[] key(String userId, String itemId) {
        return switch (this) {
            case ITEM -> itemId.getBytes(StandardCharsets.UTF_8);
            case USER -> userId.getBytes(StandardCharsets.UTF_8);
            case NONE -> null;
        };
    }
}
