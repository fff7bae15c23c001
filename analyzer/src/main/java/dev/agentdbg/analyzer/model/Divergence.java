package dev.agentdbg.analyzer.model;

import java.util.List;

/**
 * A {@code divergence} record of a replay run: the program's request differed from the recorded one. Only the head of
 * the diff is kept; the record in the trace has all of it.
 *
 * @param diffHead  the first lines of the diff
 * @param diffLines how many lines the whole diff has
 */
public record Divergence(long call, long span, String kind, String key, List<String> diffHead, int diffLines) {

    public Divergence {
        diffHead = List.copyOf(diffHead);
    }
}
