package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.DebugEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live debugger did in a run ({@code debug} records): how often and how long the program was paused,
 * and above all which calls' values were edited by hand, which anyone reading the trace later must be told.
 *
 * @param pauses      pauses begun
 * @param pausedNanos the total of the ended pauses
 * @param edits       every edit, in trace order
 * @param warnings    the debugger's warnings (conditions that could not be evaluated, pauses cut short)
 */
public record DebugFacts(long pauses, long pausedNanos, List<DebugEvent> edits, List<String> warnings) {

    /** Whether the run had the debugger's records at all. */
    public boolean any() {
        return pauses > 0 || !edits.isEmpty() || !warnings.isEmpty();
    }

    /** The edits of one span. */
    public List<DebugEvent> editsOf(long span) {
        return edits.stream().filter(e -> e.span() == span).toList();
    }

    /** Collects the records as the reader meets them. */
    static final class Collector {
        private long pauses;
        private long pausedNanos;
        private final List<DebugEvent> edits = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        void add(DebugEvent e) {
            switch (e.event()) {
                case "pause" -> pauses++;
                case "release" -> pausedNanos += Math.max(0, e.pausedNanos());
                case "edit" -> edits.add(e);
                case "warning" -> {
                    if (e.text() != null) {
                        warnings.add(e.text());
                    }
                }
                default -> {
                    // breakpoint changes, and events of newer agents: nothing to report
                }
            }
        }

        DebugFacts build() {
            return new DebugFacts(pauses, pausedNanos, List.copyOf(edits), List.copyOf(warnings));
        }
    }
}
