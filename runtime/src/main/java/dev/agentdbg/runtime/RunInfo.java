package dev.agentdbg.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What the {@code run} record at the head of every trace file says about this process. */
public record RunInfo(
        String runId,
        Instant start,
        long startEpochNanos,
        long pid,
        String host,
        String command,
        String agentVersion,
        Map<String, String> config,
        List<Map<String, String>> rules,
        List<String> warnings) {

    /** Describes the current process, started at {@code start}. */
    public static RunInfo forThisProcess(Instant start, String agentVersion, Map<String, String> config,
                                         List<Map<String, String>> rules, List<String> warnings) {
        long pid = ProcessHandle.current().pid();
        String runId = runIdTime(start) + "-" + pid + "-"
                + Integer.toHexString(0x10000 | ThreadLocalRandom.current().nextInt(0x10000)).substring(1);
        long epochNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        String command = System.getProperty("sun.java.command");
        return new RunInfo(runId, start, epochNanos, pid, hostName(), command != null ? command : "unknown",
                agentVersion, config, rules, warnings);
    }

    /** yyyyMMdd-HHmmss in UTC, without java.time.format (slow to load at start-up). */
    private static String runIdTime(Instant start) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(start.getEpochSecond(), 0, ZoneOffset.UTC);
        return String.valueOf(t.getYear()) + two(t.getMonthValue()) + two(t.getDayOfMonth()) + "-"
                + two(t.getHour()) + two(t.getMinute()) + two(t.getSecond());
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String hostName() {
        try {
            // No InetAddress lookup: a slow resolver must not delay the application's start.
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            java.nio.file.Path etc = java.nio.file.Path.of("/etc/hostname");
            return java.nio.file.Files.isReadable(etc) ? java.nio.file.Files.readString(etc).trim() : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
