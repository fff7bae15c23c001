package dev.agentdbg.analyzer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Siblings that ran in parallel are compared by what they are, not by which the scheduler started first. */
class CallOrderTest {

    private static RunSide.Node node(long id, String tool, long start, long dur) {
        return new RunSide.Node(id, 1, "ToolExecutor.execute", tool, start, dur, false);
    }

    private static List<String> keys(List<RunSide.Node> nodes) {
        return nodes.stream().map(n -> n.key).toList();
    }

    @Test
    void overlappingSiblingsAreOrderedByKeyAndSequentialOnesByStart() {
        // Run A: llm, then search and calc in parallel (search first), then a sequential read.
        List<RunSide.Node> a = new ArrayList<>(List.of(node(2, "read", 500, 10), node(3, "search", 100, 200),
                node(4, "calc", 110, 50), node(1, "llm", 0, 90)));
        // Run B: the same calls, but calc happened to start first.
        List<RunSide.Node> b = new ArrayList<>(List.of(node(5, "calc", 100, 50), node(6, "search", 105, 200),
                node(7, "llm", 0, 90), node(8, "read", 520, 10)));
        RunSide.inCallOrder(a);
        RunSide.inCallOrder(b);
        List<String> expected = List.of("ToolExecutor.execute [llm]", "ToolExecutor.execute [calc]",
                "ToolExecutor.execute [search]", "ToolExecutor.execute [read]");
        assertEquals(expected, keys(a));
        assertEquals(expected, keys(b));
    }

    @Test
    void sequentialSiblingsKeepTheirStartOrder() {
        List<RunSide.Node> a = new ArrayList<>(List.of(node(1, "b", 0, 10), node(2, "a", 10, 10), node(3, "c", 30, 1)));
        RunSide.inCallOrder(a);
        assertEquals(List.of("ToolExecutor.execute [b]", "ToolExecutor.execute [a]", "ToolExecutor.execute [c]"),
                keys(a));
    }
}
