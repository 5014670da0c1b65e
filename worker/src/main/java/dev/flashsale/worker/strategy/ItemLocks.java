package dev.flashsale.worker.strategy;

import dev.flashsale.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFencedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Redisson locks, one per item, with a bounded wait and a lease. Redisson ties a lock to the thread that took it, so
 * callers take and release on the same thread (the consumer thread deciding the request).
 */
public final class ItemLocks {

    private final RedissonClient redisson;
    private final String keyPrefix;
    private final Duration wait;
    private final Duration lease;
    private final WorkerMetrics metrics;

    /**
     * @param keyPrefix namespace of the lock keys ({@code <prefix>:lock:item:<itemId>}), so separate sales or tests
     *     sharing a Redis do not contend
     * @param wait how long to wait for a lock before the request fails with {@code LOCK_TIMEOUT}
     * @param lease how long a lock is held at most; Redis frees it after that even if its holder has not finished
     */
    public ItemLocks(RedissonClient redisson, String keyPrefix, Duration wait, Duration lease, WorkerMetrics metrics) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Takes the item's lock, or returns {@code null} when the wait ran out. */
    public RLock tryLock(String itemId) {
        RLock lock = redisson.getLock(key(itemId));
        long start = System.nanoTime();
        boolean acquired;
        try {
            acquired = lock.tryLock(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the lock of item " + itemId);
        }
        metrics.lockWait(Duration.ofNanos(System.nanoTime() - start), acquired);
        return acquired ? lock : null;
    }

    /** A fenced lock and the token it was taken with. */
    public record Fence(RFencedLock lock, long token) {}

    /** Takes the item's fenced lock, or returns {@code null} when the wait ran out. */
    public Fence tryLockFenced(String itemId) {
        RFencedLock lock = redisson.getFencedLock(key(itemId) + ":fenced");
        long start = System.nanoTime();
        Long token = lock.tryLockAndGetToken(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
        metrics.lockWait(Duration.ofNanos(System.nanoTime() - start), token != null);
        return token == null ? null : new Fence(lock, token);
    }

    /**
     * Releases a lock taken by this thread. A lease that already ran out is counted, not thrown: whatever the holder
     * did after it expired is exactly the hazard the database guard (or its absence) is there to show.
     */
    public void release(RLock lock) {
        try {
            lock.unlock();
        } catch (IllegalMonitorStateException leaseExpired) {
            metrics.lockLost();
        }
    }

    private String key(String itemId) {
        return keyPrefix + ":lock:item:" + itemId;
    }
}
