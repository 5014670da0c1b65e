package dev.flashsale.demo.report;

import dev.flashsale.stack.LocalStack;
import dev.flashsale.stack.Origin;
import dev.flashsale.stack.Service;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a report's header says about the run: the command that made it, the machine, and where the servers ran, so that
 * a chart found later can be told apart from one made elsewhere.
 *
 * @param command the command as the user typed it, as far as it can be known
 * @param machine cores, memory, operating system and JDK
 * @param servers where Kafka, PostgreSQL and Redis ran
 * @param finished when the run ended
 */
public record RunContext(String command, String machine, String servers, Instant finished) {

    /**
     * The context of the run now ending.
     *
     * @param entryPoint the class the run started from, for when Maven did not start it
     * @param argsProperty the Maven property that carried {@code args} ({@code demo.args}, ...)
     */
    public static RunContext of(String entryPoint, String argsProperty, String[] args, LocalStack stack) {
        return new RunContext(command(entryPoint, argsProperty, args), thisMachine(), servers(stack), Instant.now());
    }

    /**
     * The Maven command line when Maven started the run (its launcher exports it), with the arguments quoted again as
     * a shell needs them; otherwise the Java entry point and its arguments.
     */
    public static String command(String entryPoint, String argsProperty, String[] args) {
        String joined = String.join(" ", args);
        String maven = System.getenv("MAVEN_CMD_LINE_ARGS");
        if (maven != null && !maven.isBlank()) {
            String line = maven.trim();
            String unquoted = "-D" + argsProperty + "=" + joined;
            if (!joined.isEmpty() && line.contains(unquoted) && joined.contains(" ")) {
                line = line.replace(unquoted, "-D" + argsProperty + "=\"" + joined + "\"");
            }
            return "mvn " + line;
        }
        return "java " + entryPoint + (joined.isEmpty() ? "" : " " + joined);
    }

    public static String thisMachine() {
        long memory =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getTotalMemorySize()
                        : -1;
        return String.format(
                Locale.ROOT,
                "%d cores, %s memory, %s %s (%s), Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                memory < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memory / (1024.0 * 1024 * 1024)),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"));
    }

    /** Each server and where it came from: named by a variable, embedded (in this JVM or its own), or a container. */
    public static String servers(LocalStack stack) {
        List<String> parts = new ArrayList<>();
        for (Service service : Service.values()) {
            Origin origin = stack.origin(service);
            String how = origin == Origin.EMBEDDED && service == Service.KAFKA
                    ? (stack.kafkaNodePids().isEmpty() ? "embedded in this JVM" : "embedded, own JVM")
                    : origin.name().toLowerCase(Locale.ROOT);
            parts.add(service.displayName() + " " + how);
        }
        return String.join(", ", parts);
    }

    /** The end time, in the machine's zone, for the header. */
    String finishedText() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)
                .format(finished.atZone(ZoneId.systemDefault()));
    }
}
