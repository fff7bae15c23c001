package dev.agentdbg.analyzer.model;

import java.util.Comparator;
import java.util.List;

/** The span kinds the format defines, in the order reports list them. */
public final class Kinds {

    public static final String LLM = "llm";
    public static final String TOOL = "tool";

    /** Ordered from the outermost role (agent) inwards, which is how people read a run. */
    public static final List<String> KNOWN = List.of("agent", LLM, TOOL, "retrieval", "chain", "custom");

    /** Known kinds in {@link #KNOWN} order, then any other kind alphabetically. */
    public static final Comparator<String> ORDER = Comparator
            .comparingInt((String kind) -> {
                int i = KNOWN.indexOf(kind);
                return i < 0 ? KNOWN.size() : i;
            })
            .thenComparing(Comparator.naturalOrder());

    private Kinds() {
    }
}
