package dev.flashsale.demo.sale;

import dev.flashsale.worker.Worker;
import dev.flashsale.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Worker instances of one sale running in this process, all in one consumer group. Started together; {@link
 * #awaitAssigned} waits until the group has settled so that a measurement does not include the group's start-up.
 */
public final class WorkerGroup implements AutoCloseable {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

    private final List<Worker> workers = new ArrayList<>();

    private WorkerGroup() {}

    /** Starts one worker per config; if one fails to start, those already started are stopped again. */
    public static WorkerGroup start(List<WorkerConfig> configs) {
        WorkerGroup group = new WorkerGroup();
        try {
            for (WorkerConfig config : configs) {
                group.workers.add(Worker.start(config));
            }
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
        return group;
    }

    /**
     * Waits until the group {@code groupId} is stable with every consumer thread a member and every partition of
     * {@code topic} assigned.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}, or a worker failed
     */
    public void awaitAssigned(
            String bootstrapServers, String groupId, String topic, int partitions, int consumers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                if (workers.stream().anyMatch(Worker::failed)) {
                    throw new IllegalStateException("a worker of group " + groupId + " failed while starting");
                }
                ConsumerGroupDescription group = describe(admin, groupId);
                if (group != null && settled(group, topic, partitions, consumers)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumer group " + groupId + " did not settle within " + timeout
                            + (group == null
                                    ? ": it does not exist yet"
                                    : ": state " + group.groupState() + ", "
                                            + group.members().size() + " of " + consumers + " members"));
                }
                LockSupport.parkNanos(CHECK_INTERVAL.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for consumer group " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer group " + groupId, e);
        }
    }

    /** The group's description, or null while no member has joined it yet. */
    private static ConsumerGroupDescription describe(Admin admin, String groupId)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private static boolean settled(ConsumerGroupDescription group, String topic, int partitions, int consumers) {
        if (group.groupState() != GroupState.STABLE || group.members().size() != consumers) {
            return false;
        }
        Set<TopicPartition> assigned = new HashSet<>();
        for (MemberDescription member : group.members()) {
            assigned.addAll(member.assignment().topicPartitions());
        }
        return assigned.stream().filter(p -> p.topic().equals(topic)).count() == partitions;
    }

    /** Whether any worker's consumer thread stopped on a fatal error. */
    public boolean failed() {
        return workers.stream().anyMatch(Worker::failed);
    }

    /** Stops all workers at once (each finishes and commits the poll in hand) and waits for them. */
    @Override
    public void close() {
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        for (Worker worker : workers) {
            stops.add(CompletableFuture.supplyAsync(worker::stop));
        }
        stops.forEach(CompletableFuture::join);
        workers.clear();
    }
}
