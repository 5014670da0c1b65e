package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import java.util.ArrayList;
import java.util.List;

/** A strategy that decides requests one at a time, each in its own database transaction. */
public abstract class SingleRequestStrategy implements PurchaseStrategy {

    @Override
    public final List<Decision> decide(List<PurchaseRequest> requests) {
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (PurchaseRequest request : requests) {
            decisions.add(decideOne(request));
        }
        return decisions;
    }

    /** Decides and records one request. */
    protected abstract Decision decideOne(PurchaseRequest request);
}
