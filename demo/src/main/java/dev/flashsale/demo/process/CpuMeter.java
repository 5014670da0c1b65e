package dev.flashsale.demo.process;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the CPU time spent so far by each part of a sale running on this machine: the workers, the Kafka broker, the
 * database, Redis and this JVM (the simulator). A part that runs elsewhere, or inside this JVM, reads as unknown, so
 * that nothing is counted twice or guessed.
 */
public final class CpuMeter {

    /** The parts of a sale whose CPU time is reported. */
    public enum Part {
        WORKERS,
        BROKER,
        DATABASE,
        REDIS,
        /** This JVM: the simulator, the benchmark's JDBC threads, and Kafka when it is embedded here. */
        BENCH
    }

    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "::1");

    private final Supplier<List<Long>> brokerPids;
    private final OptionalLong database;
    private final OptionalLong redis;

    /**
     * @param brokerPids the Kafka nodes' processes when they run on their own; empty when Kafka is in this JVM or
     *     elsewhere
     */
    public CpuMeter(String jdbcUrl, String redisUrl, Supplier<List<Long>> brokerPids) {
        this.brokerPids = brokerPids;
        this.database = local(jdbcUrl.substring("jdbc:".length()));
        this.redis = local(redisUrl);
    }

    private static OptionalLong local(String url) {
        if (!ProcessCpu.available()) {
            return OptionalLong.empty();
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !LOCAL_HOSTS.contains(uri.getHost()) || uri.getPort() < 0) {
                return OptionalLong.empty();
            }
            OptionalLong pid = ProcessCpu.listening(uri.getPort());
            // A server inside this JVM is this JVM: counted as BENCH.
            return pid.isPresent() && pid.getAsLong() == ProcessHandle.current().pid() ? OptionalLong.empty() : pid;
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /** CPU seconds spent so far by each part; negative for a part that cannot be measured. */
    public Map<Part, Double> read(List<Long> workerPids) {
        Map<Part, Double> seconds = new EnumMap<>(Part.class);
        seconds.put(Part.WORKERS, workerPids.isEmpty() ? -1 : ProcessCpu.seconds(workerPids, false));
        List<Long> brokers = new ArrayList<>(brokerPids.get());
        seconds.put(Part.BROKER, brokers.isEmpty() ? -1 : ProcessCpu.seconds(brokers, false));
        seconds.put(Part.DATABASE, database.isPresent() ? ProcessCpu.seconds(database.getAsLong(), true) : -1);
        seconds.put(Part.REDIS, redis.isPresent() ? ProcessCpu.seconds(redis.getAsLong(), false) : -1);
        seconds.put(
                Part.BENCH,
                ProcessCpu.available()
                        ? ProcessCpu.seconds(ProcessHandle.current().pid(), false)
                        : -1);
        return seconds;
    }

    /** What each part spent between two readings; negative where either reading is unknown. */
    public static Map<Part, Double> spent(Map<Part, Double> before, Map<Part, Double> after) {
        Map<Part, Double> spent = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            double a = before.getOrDefault(part, -1.0);
            double b = after.getOrDefault(part, -1.0);
            spent.put(part, a < 0 || b < 0 ? -1 : Math.max(0, b - a));
        }
        return spent;
    }
}
