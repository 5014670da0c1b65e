package dev.flashsale.sim.workload;

import dev.flashsale.schema.event.DecodeError;
import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a {@link Workload} into the exact records of a run. Deterministic: the same workload yields byte-identical
 * records in the same order. Each record draws its random numbers in a fixed order (invalid or not, item, user,
 * quantity, then the kind of damage if any), so the item sequence does not depend on the quantity range.
 */
public final class RequestPlan {

    private static final EventCodec CODEC = new EventCodec();
    private static final Corruption[] CORRUPTIONS = Corruption.values();

    private RequestPlan() {}

    public static List<PlannedRecord> generate(Workload workload) {
        SplittableRandom random = new SplittableRandom(workload.seed());
        IndexSampler items = workload.popularity().sampler(workload.items().count());
        List<PlannedRecord> records = new ArrayList<>(workload.requests());
        for (int seq = 0; seq < workload.requests(); seq++) {
            boolean invalid = random.nextDouble() < workload.invalidShare();
            String itemId = workload.items().itemId(items.next(random));
            String userId = Workload.userId(random.nextInt(workload.users()));
            int quantity = workload.quantity().next(random);
            String requestId = workload.requestId(seq);
            byte[] key = workload.keyMode().key(userId, itemId);
            if (!invalid) {
                PurchaseRequest request = new PurchaseRequest(requestId, userId, itemId, quantity);
                records.add(new PlannedRecord(seq, requestId, key, CODEC.encode(request), request, null));
            } else {
                Corruption corruption = CORRUPTIONS[random.nextInt(CORRUPTIONS.length)];
                byte[] value = corruption.value(requestId, userId, itemId, quantity);
                records.add(new PlannedRecord(seq, readableId(value), key, value, null, corruption));
            }
        }
        return Collections.unmodifiableList(records);
    }

    /** The request id a worker will read from {@code value}: decided by the same codec the worker uses. */
    static String readableId(byte[] value) {
        Decoded<PurchaseRequest> decoded = CODEC.decodeRequest(value);
        if (decoded instanceof Decoded.Ok<PurchaseRequest> ok) {
            return ok.value().requestId();
        }
        DecodeError error = ((Decoded.Invalid<PurchaseRequest>) decoded).error();
        return error.requestId();
    }
}
