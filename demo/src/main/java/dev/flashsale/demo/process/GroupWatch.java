package dev.flashsale.demo.process;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Watches a consumer group from the outside, through Kafka's admin API. */
public final class GroupWatch {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

    private GroupWatch() {}

    /**
     * Waits until the group is stable with {@code members} members and every partition of {@code topic} assigned, so
     * that a measurement does not include the group's start-up.
     *
     * @param failed checked on every round: a worker that died or failed makes the wait fail at once
     * @throws IllegalStateException when that does not happen within {@code timeout}, or {@code failed} says so
     */
    public static void awaitSettled(
            String bootstrapServers,
            String groupId,
            String topic,
            int partitions,
            int members,
            Duration timeout,
            BooleanSupplier failed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                if (failed.getAsBoolean()) {
                    throw new IllegalStateException("a worker of group " + groupId + " failed while starting");
                }
                ConsumerGroupDescription group = describe(admin, groupId);
                if (group != null && settled(group, topic, partitions, members)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumer group " + groupId + " did not settle within " + timeout
                            + (group == null
                                    ? ": it does not exist yet"
                                    : ": state " + group.groupState() + ", "
                                            + group.members().size() + " of " + members + " members"));
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

    private static boolean settled(ConsumerGroupDescription group, String topic, int partitions, int members) {
        if (group.groupState() != GroupState.STABLE || group.members().size() != members) {
            return false;
        }
        Set<TopicPartition> assigned = new HashSet<>();
        for (MemberDescription member : group.members()) {
            assigned.addAll(member.assignment().topicPartitions());
        }
        return assigned.stream().filter(p -> p.topic().equals(topic)).count() == partitions;
    }
}
