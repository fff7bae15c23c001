package dev.agentdbg.runtime;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Describes the current process, started at {@code start}. */
    public static RunInfo forThisProcess(Instant start, String agentVersion, Map<String, String> config,
                                         List<Map<String, String>> rules, List<String> warnings) {
        long pid = ProcessHandle.current().pid();
        String runId = RUN_ID_TIME.format(start) + "-" + pid + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        long epochNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        return new RunInfo(runId, start, epochNanos, pid, hostName(),
                System.getProperty("sun.java.command", ManagementFactory.getRuntimeMXBean().getName()),
                agentVersion, config, rules, warnings);
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
