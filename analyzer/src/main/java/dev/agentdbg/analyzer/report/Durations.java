package dev.agentdbg.analyzer.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats nanosecond durations and timestamps for people: {@code 0.847 ms}, {@code 310.2 ms}, {@code 5.057 s}. */
public final class Durations {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private Durations() {
    }

    /** A duration in the unit that keeps about four significant digits. */
    public static String human(long nanos) {
        if (nanos < 10 * MS) {
            return format("%.3f ms", nanos / 1e6);
        }
        if (nanos < S) {
            return format("%.1f ms", nanos / 1e6);
        }
        if (nanos < 60 * S) {
            return format("%.3f s", nanos / 1e9);
        }
        long seconds = nanos / S;
        if (seconds < 3600) {
            return format("%dm %04.1fs", seconds / 60, (nanos % (60 * S)) / 1e9);
        }
        return format("%dh %02dm %02ds", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    /** Milliseconds with nanosecond precision, for columns of numbers: {@code 1240.518}. */
    public static String millis(long nanos) {
        return format("%.3f", nanos / 1e6);
    }

    /** An offset from a reference point: {@code +1.258 s}. */
    public static String offset(long nanos) {
        return nanos < 0 ? "-" + human(-nanos) : "+" + human(nanos);
    }

    /** Wall-clock time of an epoch-nanosecond instant, UTC: {@code 00:30:12.393}. */
    public static String clock(long epochNanos) {
        return CLOCK.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, S), Math.floorMod(epochNanos, S)));
    }

    private static String format(String pattern, Object... args) {
        // Locale.ROOT: a German locale must not turn 1.5 into 1,5 and break column parsing in scripts.
        return String.format(Locale.ROOT, pattern, args);
    }
}
