package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.store.AlreadyDecidedException;
import dev.flashsale.worker.store.LockTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy that decides requests one at a time. The two ways an attempt can end without a decision of its own are
 * settled here for every such strategy: a request found decided by another worker, and a row lock that could not be
 * had in time.
 */
public abstract class SingleRequestStrategy implements PurchaseStrategy {

    @Override
    public final List<Decision> decide(List<PurchaseRequest> requests) {
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (PurchaseRequest request : requests) {
            decisions.add(settled(request));
        }
        return decisions;
    }

    private Decision settled(PurchaseRequest request) {
        try {
            return decideOne(request);
        } catch (AlreadyDecidedException decidedElsewhere) {
            return new Decision.DecidedElsewhere();
        } catch (LockTimeoutException heldElsewhere) {
            return Decision.refused(Reason.LOCK_TIMEOUT);
        }
    }

    /** Decides one request; a purchase is recorded with its stock change, a refusal is only returned. */
    protected abstract Decision decideOne(PurchaseRequest request);

    /** What a statement about {@code request} is doing, for error messages. */
    static String deciding(PurchaseRequest request) {
        return "deciding request " + request.requestId() + " for item " + request.itemId();
    }
}
