package dev.agentdbg.analyzer.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of {@link ErrorsBuilder}: groups, traces per group, and paths through cyclic parents. */
class ErrorsBuilderTest {

    private static final MethodInfo TOOL = new MethodInfo(1, "com.acme.Tool", "run", "()V", "tool", "tool", "r", null,
            null);

    private static Span failed(String trace, long id, long parent, String type, String message) {
        return new Span(trace, id, parent, 1, "main", 1, 1_000 + id, 10, new SpanError(type, message,
                List.of("com.acme.Tool.run(Tool.java:1)"), 0, null, null), false, null, null, null);
    }

    @Test
    void groupsBeyondTheBoundAreCountedAsUngrouped() {
        ErrorsBuilder b = new ErrorsBuilder(SpanFilter.ALL);
        b.method(TOOL);
        int n = ErrorsBuilder.MAX_GROUPS + 7;
        for (int i = 0; i < n; i++) {
            b.span(failed("t", i + 1, 0, "com.acme.E" + i, "x"));
        }
        ErrorsReport r = b.build();
        assertEquals(n, r.failures());
        assertEquals(ErrorsBuilder.MAX_GROUPS, r.groups().size());
        assertEquals(7, r.ungrouped());
        assertEquals(List.of(new ErrorsReport.CallStats("tool", "Tool.run", n, n, 10, 10)), r.calls());
    }

    @Test
    void tracesPerGroupAreCountedUpToTheBound() {
        ErrorsBuilder b = new ErrorsBuilder(SpanFilter.ALL);
        b.method(TOOL);
        for (int i = 0; i < 40; i++) {
            b.span(failed("trace" + i, i + 1, 0, "java.io.IOException", "reset after " + i + " ms"));
        }
        ErrorsReport.Group g = b.build().groups().get(0);
        assertEquals(40, g.count());
        assertEquals(ErrorsBuilder.MAX_TRACES_PER_GROUP, g.traces());
        assertTrue(g.tracesCapped());
        assertEquals("reset after <n> ms", g.message());
    }

    @Test
    void aCycleOfParentsEndsThePath() {
        ErrorsBuilder b = new ErrorsBuilder(SpanFilter.ALL);
        b.method(TOOL);
        b.span(failed("t", 1, 2, "java.io.IOException", "x"));
        // A corrupt trace: 2's parent is 3, 3's parent is 2.
        b.span(new Span("t", 2, 3, 1, "main", 1, 900, 100, null, false, null, null, null));
        b.span(new Span("t", 3, 2, 1, "main", 1, 800, 300, null, false, null, null, null));
        List<String> path = b.build().groups().get(0).path();
        assertEquals(List.of("...", "Tool.run", "Tool.run", "Tool.run"), path, "3, 2, then 1: 3 names 2 again");
    }
}
