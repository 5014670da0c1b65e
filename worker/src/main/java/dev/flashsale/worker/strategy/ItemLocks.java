package dev.flashsale.worker.strategy;

/**
 * Exclusive locks on items, held outside the database (in Redis). Each strategy that uses them gets one kind: plain
 * locks, or fenced locks whose every grant carries a higher token than the last.
 */
public interface ItemLocks {

    /**
     * Takes the item's lock, waiting at most the configured wait.
     *
     * @return the lease, or {@code null} when another holder kept the lock for the whole wait
     * @throws dev.flashsale.worker.model.Unavailable when the lock service could not be asked, or when a wait ran out
     *     without the lock being held by anyone (so the wait ended for want of the service, not because of a holder)
     */
    Lease acquire(String itemId);

    /** A lock held by the calling thread. */
    interface Lease {

        /** The fencing token of this grant; 0 for a lock that has none. */
        long token();

        /**
         * Releases the lock. A lease that already ran out is counted, not thrown: whatever the holder did after it
         * expired is exactly the hazard a database guard (or its absence) is there to show.
         */
        void release();
    }
}
