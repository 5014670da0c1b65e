package dev.flashsale.sim.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What came back: the results and dead letters read (read_committed) from their topics. */
public final class Observations {

    private final Map<String, List<ObservedResult>> resultsById;
    private final Set<SourcePosition> deadLetters;
    private final long deadLetterRecords;
    private final long undecodableResults;

    private Observations(Builder builder) {
        Map<String, List<ObservedResult>> copy = new HashMap<>();
        builder.resultsById.forEach((id, list) -> copy.put(id, List.copyOf(list)));
        this.resultsById = Collections.unmodifiableMap(copy);
        this.deadLetters = Collections.unmodifiableSet(new TreeSet<>(builder.deadLetters));
        this.deadLetterRecords = builder.deadLetterRecords;
        this.undecodableResults = builder.undecodableResults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every result read, by request id, in topic order within a partition. */
    public Map<String, List<ObservedResult>> resultsById() {
        return resultsById;
    }

    /** The results for {@code requestId}; empty when none was read. */
    public List<ObservedResult> results(String requestId) {
        return resultsById.getOrDefault(requestId, List.of());
    }

    /** Requests-topic positions named by the dead letters read. */
    public Set<SourcePosition> deadLetters() {
        return deadLetters;
    }

    /** Dead-letter records read, including any for other topics or without a source position. */
    public long deadLetterRecords() {
        return deadLetterRecords;
    }

    /** Records on the results topic that are not a valid result; a worker should never publish one. */
    public long undecodableResults() {
        return undecodableResults;
    }

    /** Collects observations record by record. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<ObservedResult>> resultsById = new HashMap<>();
        private final Set<SourcePosition> deadLetters = new TreeSet<>();
        private long deadLetterRecords;
        private long undecodableResults;

        private Builder() {}

        /** Adds a result; returns true when it is the first one for its request id. */
        public boolean result(ObservedResult result) {
            List<ObservedResult> list =
                    resultsById.computeIfAbsent(result.result().requestId(), id -> new ArrayList<>(1));
            list.add(result);
            return list.size() == 1;
        }

        /** Adds a dead letter naming {@code position} (null when it names none); returns true when it is new. */
        public boolean deadLetter(SourcePosition position) {
            deadLetterRecords++;
            return position != null && deadLetters.add(position);
        }

        public void undecodableResult() {
            undecodableResults++;
        }

        public boolean hasResult(String requestId) {
            return resultsById.containsKey(requestId);
        }

        public boolean hasDeadLetter(SourcePosition position) {
            return deadLetters.contains(position);
        }

        public Observations build() {
            return new Observations(this);
        }
    }
}
