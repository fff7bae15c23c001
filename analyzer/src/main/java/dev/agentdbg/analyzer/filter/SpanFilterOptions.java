package dev.agentdbg.analyzer.filter;

import dev.agentdbg.analyzer.read.BadInputException;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The span filters the commands share ({@code @Mixin}): each option narrows the spans a command looks at. */
public final class SpanFilterOptions {
    @Option(names = "--trace", paramLabel = "<id>", split = ",",
            description = "Only these traces (trace ids, or their first characters as the reports print them).")
    List<String> traces;

    @Option(names = "--kind", paramLabel = "<kind>", split = ",",
            description = "Only spans of these kinds: agent, llm, tool, retrieval, chain, custom.")
    List<String> kinds;

    @Option(names = "--component", paramLabel = "<name>", split = ",",
            description = "Only spans of these components, as the reports print them.")
    List<String> components;

    @Option(names = "--method", paramLabel = "<glob>",
            description = "Only methods matching this glob on Class.method or com.acme.Class.method ('*' any characters).")
    String method;

    @Option(names = "--thread", paramLabel = "<glob>", description = "Only spans of threads whose name matches this glob.")
    String thread;

    @Option(names = "--status", paramLabel = "ok|error", description = "Only successful or only failed spans.")
    String status;

    @Option(names = "--from", paramLabel = "<time>",
            description = "Only spans that start this long after the run's first call or later (500ms, 2s, 1m); "
                    + "the reports' offsets count from the same instant.")
    String from;

    @Option(names = "--to", paramLabel = "<time>",
            description = "Only spans that start before this long after the run's first call (500ms, 2s, 1m).")
    String to;

    @Option(names = "--min-duration", paramLabel = "<time>", description = "Only spans that took at least this long (100ms, 2s).")
    String minDuration;

    /**
     * The filter these options describe.
     *
     * @throws BadInputException naming the option and the value it could not read (one line, exit code 2)
     */
    public SpanFilter filter() throws BadInputException {
        Boolean failed = null;
        if (status != null) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "ok" -> failed = false;
                case "error", "failed" -> failed = true;
                default -> throw new BadInputException("--status takes ok or error, not '" + status + "'");
            }
        }
        return new SpanFilter(set(traces), set(kinds), set(components),
                method == null ? null : SpanFilter.glob(method), thread == null ? null : SpanFilter.glob(thread), failed,
                duration("--from", from), duration("--to", to), duration("--min-duration", minDuration));
    }

    private static Set<String> set(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        Set<String> set = new LinkedHashSet<>();
        values.forEach(v -> set.add(v.trim()));
        return set;
    }

    private static Long duration(String option, String value) throws BadInputException {
        if (value == null) {
            return null;
        }
        try {
            return SpanFilter.parseDuration(value);
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " takes a time such as 500ms, 2s or 1m, not '" + value + "'");
        }
    }
}
