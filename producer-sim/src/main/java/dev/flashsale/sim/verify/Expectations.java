package dev.flashsale.sim.verify;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run put on the requests topic, and so what must come back: a result for every readable request id, a dead
 * letter for every record without one. Built either from the records a run published (the {@code run} command) or by
 * reading the requests topic back (the {@code verify} command); see {@link dev.flashsale.sim.kafka.RequestLog}.
 */
public final class Expectations {

    private final String requestIdPrefix;
    private final Map<String, Integer> deliveries;
    private final Map<String, Long> sentAtMs;
    private final Set<SourcePosition> deadLetters;
    private final int sendFailures;

    private Expectations(Builder builder) {
        this.requestIdPrefix = builder.requestIdPrefix;
        this.deliveries = Collections.unmodifiableMap(builder.deliveries);
        this.sentAtMs = Collections.unmodifiableMap(builder.sentAtMs);
        this.deadLetters = Collections.unmodifiableSet(builder.deadLetters);
        this.sendFailures = builder.sendFailures;
    }

    /**
     * @param requestIdPrefix the prefix every request id of the run shares, or null when the run is the whole topic;
     *     limits which order rows are read
     */
    public static Builder builder(String requestIdPrefix) {
        return new Builder(requestIdPrefix);
    }

    /** Prefix shared by the run's request ids, or null when the expectations cover a whole topic. */
    public String requestIdPrefix() {
        return requestIdPrefix;
    }

    /** Request id to the number of records on the requests topic that carry it (1 unless a request was resent). */
    public Map<String, Integer> deliveries() {
        return deliveries;
    }

    /** Request id to the Kafka timestamp of its first record, in epoch milliseconds. */
    public Map<String, Long> sentAtMs() {
        return sentAtMs;
    }

    /** Positions on the requests topic of records without a readable request id. */
    public Set<SourcePosition> deadLetters() {
        return deadLetters;
    }

    /** Records the producer could not deliver: not on the topic, so nothing is expected for them. */
    public int sendFailures() {
        return sendFailures;
    }

    /** Records on the requests topic: every delivery plus every record expected on the dead-letter topic. */
    public long records() {
        return deliveries.values().stream().mapToLong(Integer::longValue).sum() + deadLetters.size();
    }

    /** Earliest send timestamp of any record of the run, or {@link Long#MAX_VALUE} when there is none. */
    public long firstSentAtMs() {
        return sentAtMs.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** Collects expectations record by record. Not thread-safe. */
    public static final class Builder {
        private final String requestIdPrefix;
        private final Map<String, Integer> deliveries = new HashMap<>();
        private final Map<String, Long> sentAtMs = new HashMap<>();
        private final Set<SourcePosition> deadLetters = new TreeSet<>();
        private int sendFailures;

        private Builder(String requestIdPrefix) {
            this.requestIdPrefix = requestIdPrefix;
        }

        /** A record that carries a readable request id, sent at {@code timestampMs}. */
        public Builder request(String requestId, long timestampMs) {
            deliveries.merge(requestId, 1, Integer::sum);
            sentAtMs.merge(requestId, timestampMs, Math::min);
            return this;
        }

        /** A record without a readable request id, at {@code position} on the requests topic. */
        public Builder unreadable(SourcePosition position) {
            deadLetters.add(position);
            return this;
        }

        public Builder sendFailure() {
            sendFailures++;
            return this;
        }

        public Expectations build() {
            return new Expectations(this);
        }
    }
}
