package dev.agentdbg.analyzer.summary;

/**
 * How much detail a summary keeps. A limit of 0 means "no limit".
 *
 * @param top              how many of the slowest spans to list
 * @param maxErrors        how many failed spans to list one by one (all are counted and grouped)
 * @param timeline         whether to build the timeline; without it memory stays bounded for any run size
 * @param maxTraces        how many of the first traces (by start) the timeline shows
 * @param maxLinesPerTrace how many spans the timeline shows per trace
 * @param slowestTraces    how many of the slowest traces the timeline also shows (0: none)
 * @param failedTraces     how many of the first failing traces the timeline also shows (0: none)
 */
public record SummaryOptions(int top, int maxErrors, boolean timeline, int maxTraces, int maxLinesPerTrace,
                             int slowestTraces, int failedTraces) {

    public static final SummaryOptions DEFAULTS = new SummaryOptions(10, 50, true, 50, 200, 5, 10);

    /**
     * For reports that need the run's header, wall time, warnings and LLM figures but none of the summary's lists:
     * no timeline, no slowest spans, one failed span kept (0 would mean all). Memory stays bounded.
     */
    public static final SummaryOptions TOTALS_ONLY = new SummaryOptions(0, 1, false, 1, 1, 0, 0);

    public SummaryOptions {
        if (top < 0 || maxErrors < 0 || maxTraces < 0 || maxLinesPerTrace < 0 || slowestTraces < 0 || failedTraces < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    static int unlimitedIfZero(int limit) {
        return limit == 0 ? Integer.MAX_VALUE : limit;
    }
}
