package dev.flashsale.sim.verify;

/**
 * Where a record sits on the requests topic. A dead letter names the position of the record it copies (worker header
 * {@code flashsale.source.partition}/{@code flashsale.source.offset}), which is how a record without a readable request
 * id is matched to its dead letter.
 */
public record SourcePosition(int partition, long offset) implements Comparable<SourcePosition> {

    @Override
    public int compareTo(SourcePosition other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
