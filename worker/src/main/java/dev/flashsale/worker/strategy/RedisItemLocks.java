package dev.flashsale.worker.strategy;

import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.Unavailable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFencedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;

/**
 * Redisson locks, one per item, with a bounded wait and a lease. Redisson ties a lock to the thread that took it, so a
 * lease is released on the thread that took it (the consumer thread deciding the request).
 *
 * <p>A wait that runs out is a {@code LOCK_TIMEOUT} only when the lock is genuinely held by someone else. When Redis
 * goes away during the wait (or comes back empty after a restart), Redisson's wait can end without the lock being
 * held at all; then the lock's state is asked once more and the request is never answered for an outage.
 */
public final class RedisItemLocks implements ItemLocks {

    /** Waits that end with the lock found free before the lock service counts as unreliable. */
    static final int FREE_BUT_NOT_GRANTED_RETRIES = 2;

    private final RedissonClient redisson;
    private final String keyPrefix;
    private final Duration wait;
    private final Duration lease;
    private final boolean fenced;
    private final WorkerMetrics metrics;

    /**
     * @param keyPrefix namespace of the lock keys ({@code <prefix>:lock:item:<itemId>}), so separate sales sharing a
     *     Redis do not contend
     * @param wait how long to wait for a lock before the request fails with {@code LOCK_TIMEOUT}
     * @param lease how long a lock is held at most; Redis frees it after that even if its holder has not finished
     * @param fenced whether grants carry fencing tokens ({@code RFencedLock})
     */
    public RedisItemLocks(
            RedissonClient redisson,
            String keyPrefix,
            Duration wait,
            Duration lease,
            boolean fenced,
            WorkerMetrics metrics) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.fenced = fenced;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Lease acquire(String itemId) {
        String key = keyPrefix + ":lock:item:" + itemId + (fenced ? ":fenced" : "");
        try {
            for (int attempt = 0; ; attempt++) {
                long start = System.nanoTime();
                Lease granted = fenced ? tryFenced(key) : tryPlain(key);
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (granted != null) {
                    metrics.lockWait(waited, true);
                    return granted;
                }
                if (redisson.getLock(key).isLocked()) {
                    metrics.lockWait(waited, false);
                    return null;
                }
                // Free, yet not granted: the holder let go just as the wait ended, or Redis lost its keys and the
                // wait ended for want of the service. Asking again tells the two apart.
                if (attempt >= FREE_BUT_NOT_GRANTED_RETRIES) {
                    throw new Unavailable(
                            Unavailable.REDIS,
                            "waiting for the lock of item " + itemId,
                            new IllegalStateException("the lock was free after every wait but never granted"));
                }
            }
        } catch (RedisException e) {
            throw new Unavailable(Unavailable.REDIS, "waiting for the lock of item " + itemId, e);
        }
    }

    private Lease tryPlain(String key) {
        RLock lock = redisson.getLock(key);
        boolean acquired;
        try {
            acquired = lock.tryLock(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for lock " + key);
        }
        return acquired ? new Held(lock, 0) : null;
    }

    private Lease tryFenced(String key) {
        RFencedLock lock = redisson.getFencedLock(key);
        Long token = lock.tryLockAndGetToken(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
        return token == null ? null : new Held(lock, token);
    }

    private final class Held implements Lease {
        private final RLock lock;
        private final long token;

        Held(RLock lock, long token) {
            this.lock = lock;
            this.token = token;
        }

        @Override
        public long token() {
            return token;
        }

        @Override
        public void release() {
            try {
                lock.unlock();
            } catch (IllegalMonitorStateException leaseExpired) {
                metrics.lockLost();
            } catch (RedisException e) {
                // Redis went away after the decision; the lease runs out by itself, and the decision it guarded is
                // already durable. The next acquire reports the outage.
            }
        }
    }
}
