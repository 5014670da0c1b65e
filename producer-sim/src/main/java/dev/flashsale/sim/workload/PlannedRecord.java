package dev.flashsale.sim.workload;

import dev.flashsale.schema.event.PurchaseRequest;

/**
 * One record of a run, as it will be published.
 *
 * @param seq position in the run, from 0; also sent as a header so the record can be traced even without a readable
 *     request id
 * @param requestId the request id a worker can read from the value, or null when it cannot (a dead letter is
 *     expected instead of a result)
 * @param key the Kafka record key, or null
 * @param value the Kafka record value
 * @param request the valid request, or null for a deliberately invalid record
 * @param corruption how the record was damaged, or null for a valid request
 */
public record PlannedRecord(
        int seq, String requestId, byte[] key, byte[] value, PurchaseRequest request, Corruption corruption) {

    public boolean valid() {
        return corruption == null;
    }

    /** Whether a result is expected for this record; otherwise a dead letter is. */
    public boolean expectsResult() {
        return requestId != null;
    }
}
