package dev.agentdbg.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measured process and reports its wall time, exit code, peak resident set size and CPU time: under
 * {@code /usr/bin/time -f "%M %U %S"} (the kernel's maximum RSS of the process in KB, user and system CPU seconds)
 * when that exists, else by polling {@code VmHWM} in {@code /proc/<pid>/status} (the same high-water mark, read
 * every 20 ms; CPU time unknown). CPU time matters on a shared machine: other work stretches the wall time of a
 * run far more than the CPU time it needs.
 */
final class TimedRun {
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** How a measured process ended; {@code peakRssKb} is -1 and {@code cpuSeconds} NaN when they could not be told. */
    record Result(int exitCode, long wallNanos, long peakRssKb, double cpuSeconds, boolean timedOut, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private TimedRun() {
    }

    static String rssMethod() {
        return Files.isExecutable(GNU_TIME) ? "/usr/bin/time -f %M (max RSS)" : "VmHWM of /proc/<pid>/status, polled";
    }

    /**
     * Runs {@code command}; its stdout goes to {@code stdout} (null: discarded), its stderr to {@code log} (with
     * the stdout when {@code stdout} equals {@code log}).
     */
    static Result run(List<String> command, Path stdout, Path log, long timeoutSeconds) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            boolean gnuTime = Files.isExecutable(GNU_TIME);
            Path timeFile = log.resolveSibling(log.getFileName() + ".time");
            Files.deleteIfExists(timeFile);
            List<String> cmd = new ArrayList<>();
            if (gnuTime) {
                cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", timeFile.toString()));
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (stdout == null) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
            } else if (stdout.equals(log)) {
                pb.redirectErrorStream(true).redirectOutput(log.toFile());
            } else {
                pb.redirectOutput(stdout.toFile()).redirectError(log.toFile());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            long hwm = -1;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            boolean timedOut = false;
            while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (!gnuTime) {
                    hwm = Math.max(hwm, vmHwmKb(p.pid()));
                }
                if (System.nanoTime() - deadline > 0) {
                    timedOut = true;
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    break;
                }
            }
            long wall = System.nanoTime() - t0;
            double cpu = Double.NaN;
            if (gnuTime && Files.isRegularFile(timeFile)) {
                String[] f = lastLine(Files.readString(timeFile, StandardCharsets.UTF_8)).split(" ");
                try {
                    hwm = Long.parseLong(f[0]);
                    cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
                } catch (RuntimeException e) {
                    // killed before time could write its line: unknown
                }
            }
            return new Result(timedOut ? -1 : p.exitValue(), wall, hwm, cpu, timedOut, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last line of GNU time's output file (it may start with "Command exited with non-zero status"). */
    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1].trim();
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended, or no /proc: unknown
        }
        return -1;
    }
}
