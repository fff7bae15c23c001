package dev.agentdbg.analyzer.filter;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which spans a command looks at: by trace, kind, component, method glob, thread, status, a time
 * window relative to the run's first call (see {@link TimeOrigin}), and a minimum duration. Every criterion left
 * null matches all.
 *
 * @param traces      trace ids (32 hex), or their first characters as the reports print them
 * @param kinds       span kinds ({@code llm}, {@code tool}, ...)
 * @param components  components as the reports print them
 * @param method      a glob on {@code SimpleClass.method} or {@code com.acme.Class.method} ({@code *} any characters)
 * @param thread      a glob on the thread name
 * @param failed      true: failed spans only; false: successful only
 * @param fromNanos   spans that start at or after this many ns after the run's first call
 * @param toNanos     spans that start before this many ns after the run's first call
 * @param minDurNanos spans that took at least this long
 */
public record SpanFilter(Set<String> traces, Set<String> kinds, Set<String> components, Pattern method,
                         Pattern thread, Boolean failed, Long fromNanos, Long toNanos, Long minDurNanos) {

    public static final SpanFilter ALL = new SpanFilter(null, null, null, null, null, null, null, null, null);

    public boolean isAll() {
        return equals(ALL);
    }

    /** @param originNanos the start of the run's first call (epoch ns, {@link TimeOrigin#nanos()}), for the window */
    public boolean test(Span span, MethodInfo method, long originNanos) {
        if (traces != null && traces.stream().noneMatch(t -> span.trace().startsWith(t))) {
            return false;
        }
        if (kinds != null && !kinds.contains(method.kind())) {
            return false;
        }
        if (components != null && !components.contains(method.component())) {
            return false;
        }
        if (this.method != null && !this.method.matcher(method.simpleClassName() + "." + method.method()).matches()
                && !this.method.matcher(method.className() + "." + method.method()).matches()) {
            return false;
        }
        if (thread != null && (span.thread() == null || !thread.matcher(span.thread()).matches())) {
            return false;
        }
        if (failed != null && failed != span.isError()) {
            return false;
        }
        long offset = span.start() - originNanos;
        if (fromNanos != null && offset < fromNanos) {
            return false;
        }
        if (toNanos != null && offset >= toNanos) {
            return false;
        }
        return minDurNanos == null || span.dur() >= minDurNanos;
    }

    /** A glob as the options take it: {@code *} any characters, {@code ?} one, the rest literal, case-sensitive. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 250us} or plain nanoseconds, in ns. */
    public static long parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        // "ms", "ns" and "us" are tried before "s", which they end with
        for (String suffix : new String[] {"ns", "us", "µs", "ms", "s", "m", "h"}) {
            if (s.endsWith(suffix)) {
                String number = s.substring(0, s.length() - suffix.length()).trim();
                long unit = switch (suffix) {
                    case "ns" -> 1L;
                    case "us", "µs" -> 1_000L;
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    default -> 3_600_000_000_000L;
                };
                return Math.round(Double.parseDouble(number) * unit);
            }
        }
        return Long.parseLong(s);
    }
}
