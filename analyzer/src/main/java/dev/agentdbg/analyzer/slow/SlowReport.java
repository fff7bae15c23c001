package dev.agentdbg.analyzer.slow;

import dev.agentdbg.analyzer.model.RunInfo;
import java.util.List;

/**
 * What {@code slow} found.
 *
 * @param run          the run record, {@code null} when none could be read
 * @param originNanos  what the offsets (and {@code --from}/{@code --to}) count from: the run's first call
 *                     ({@link dev.agentdbg.analyzer.filter.TimeOrigin}), 0 when no call was read
 * @param percentile   the percentile of each method's durations used as threshold, or {@code null}
 * @param absolute     the absolute threshold in ns, or {@code null}
 * @param considered   spans that passed the filters
 * @param slow         of those, spans at or over their threshold
 * @param spans        the slowest of them, longest first, at most {@code --top}
 * @param total        where the wall time of the run's roots went
 * @param cut          what the bounded state left out
 */
public record SlowReport(RunInfo run, long originNanos, Double percentile, Long absolute, long considered, long slow,
                         List<SlowSpan> spans, Total total, Cut cut) {

    /**
     * The run's wall time (the union of its root spans' intervals) and its parts; {@code llm + tool + own == wall}.
     *
     * @param roots root spans (no parent) read
     */
    public record Total(long roots, long wall, long llm, long tool, long own) {
    }

    /**
     * @param intervals     child intervals dropped because one span had more than {@value Intervals#CAP} disjoint ones
     * @param children      spans whose parent's children were not tracked (more than the pending-parent cap)
     * @param orphanParents parents whose children ended but which never did (unfinished, or their line was lost);
     *                      their children are in no span's breakdown nor in the total
     * @param lateTotal     intervals of the run total that began before the part of it already folded away ended
     *                      (the total keeps {@value Intervals#CAP} disjoint intervals per part and adds up older
     *                      ones): they count from that end on, so the total may be a little low
     */
    public record Cut(long intervals, long children, long orphanParents, long lateTotal) {
        public boolean any() {
            return intervals + children + orphanParents + lateTotal > 0;
        }
    }
}
