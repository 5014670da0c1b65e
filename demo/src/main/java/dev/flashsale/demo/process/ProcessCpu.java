package dev.flashsale.demo.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * CPU time of processes, read from Linux's {@code /proc}: what the benchmark reports per role (workers, broker,
 * database) so that runs on a shared machine stay comparable. Everything here answers "unknown" rather than failing
 * where {@code /proc} is missing or a process is not readable.
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on every mainstream Linux. */
    static final double TICKS_PER_SECOND = 100.0;

    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {}

    /** Whether CPU times can be read on this machine. */
    public static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    /**
     * CPU seconds (user + system) spent by {@code pid}. With {@code descendants}, also by its live descendants and by
     * those that ended and were waited for, so that a server that forks a process per connection (PostgreSQL) is
     * counted whole. Negative when the process cannot be read.
     */
    public static double seconds(long pid, boolean descendants) {
        long[] own = times(pid);
        if (own == null) {
            return -1;
        }
        long ticks = own[0] + own[1];
        if (descendants) {
            ticks += own[2] + own[3];
            for (long child : descendantsOf(pid)) {
                long[] times = times(child);
                if (times != null) {
                    // A descendant's own reaped children are in its cutime/cstime: counted once, through it.
                    ticks += times[0] + times[1] + times[2] + times[3];
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The sum of {@link #seconds} over {@code pids}; negative when none of them can be read. */
    public static double seconds(Collection<Long> pids, boolean descendants) {
        double total = 0;
        boolean any = false;
        for (long pid : pids) {
            double seconds = seconds(pid, descendants);
            if (seconds >= 0) {
                total += seconds;
                any = true;
            }
        }
        return any ? total : -1;
    }

    /** The process listening on TCP {@code port} on this machine, if it can be found. */
    public static OptionalLong listening(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve(table), StandardCharsets.US_ASCII)) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode; 0A is LISTEN
                    if (fields.length > 9 && fields[3].equals("0A") && fields[1].contains(":")) {
                        int localPort = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
                        if (localPort == port) {
                            inodes.add(fields[9]);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table on this machine
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        for (long pid : pids()) {
            try (DirectoryStream<Path> fds =
                    Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
                for (Path fd : fds) {
                    String target = readLink(fd);
                    if (target != null
                            && target.startsWith("socket:[")
                            && inodes.contains(target.substring(8, target.length() - 1))) {
                        return OptionalLong.of(pid);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return OptionalLong.empty();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime, stime, cutime, cstime in ticks, or null. */
    private static long[] times(long pid) {
        String stat = stat(pid);
        if (stat == null) {
            return null;
        }
        // The command name is in parentheses and may hold spaces; fields are counted after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, so fields[11]
        return new long[] {
            Long.parseLong(fields[11]),
            Long.parseLong(fields[12]),
            Long.parseLong(fields[13]),
            Long.parseLong(fields[14])
        };
    }

    private static long parent(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[1]);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Long> descendantsOf(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (long pid : pids()) {
            String stat = stat(pid);
            if (stat != null) {
                children.computeIfAbsent(parent(stat), p -> new ArrayList<>()).add(pid);
            }
        }
        List<Long> found = new ArrayList<>();
        Deque<Long> next = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!next.isEmpty()) {
            long pid = next.pop();
            found.add(pid);
            next.addAll(children.getOrDefault(pid, List.of()));
        }
        return found;
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return pids;
    }
}
