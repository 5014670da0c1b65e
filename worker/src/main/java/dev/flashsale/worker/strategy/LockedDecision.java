package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.worker.model.Decision;

/** The part of a Redis-locked strategy that runs while the item's lock is held. */
@FunctionalInterface
public interface LockedDecision {

    /**
     * Decides {@code request} while {@code lease} holds its item's lock; a purchase is recorded with its stock change.
     */
    Decision decideUnderLock(PurchaseRequest request, ItemLocks.Lease lease);
}
