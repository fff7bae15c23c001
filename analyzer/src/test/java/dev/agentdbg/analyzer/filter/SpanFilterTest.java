package dev.agentdbg.analyzer.filter;

import dev.agentdbg.analyzer.read.BadInputException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared span filter options: durations, globs, and clear messages for values they cannot read. */
class SpanFilterTest {
    @Test
    void durationsTakeTheUsualUnits() {
        assertEquals(500_000_000L, SpanFilter.parseDuration("500ms"));
        assertEquals(1_500_000_000L, SpanFilter.parseDuration("1.5s"));
        assertEquals(60_000_000_000L, SpanFilter.parseDuration("1m"));
        assertEquals(250_000L, SpanFilter.parseDuration("250us"));
        assertEquals(42L, SpanFilter.parseDuration("42"));
    }

    @Test
    void globsMatchWholeNames() {
        assertTrue(SpanFilter.glob("*Tool.run").matcher("CalculatorTool.run").matches());
        assertFalse(SpanFilter.glob("*Tool.run").matcher("CalculatorTool.runAll").matches());
        assertTrue(SpanFilter.glob("tool-pool-?").matcher("tool-pool-2").matches());
    }

    @Test
    void optionsBuildTheFilterAndNameWhatTheyCannotRead() throws BadInputException {
        SpanFilterOptions options = new SpanFilterOptions();
        new CommandLine(options).parseArgs("--kind", "llm,tool", "--status", "error", "--min-duration", "100ms");
        SpanFilter filter = options.filter();
        assertEquals(java.util.Set.of("llm", "tool"), filter.kinds());
        assertEquals(Boolean.TRUE, filter.failed());
        assertEquals(100_000_000L, filter.minDurNanos());
        assertFalse(filter.isAll());

        SpanFilterOptions bad = new SpanFilterOptions();
        new CommandLine(bad).parseArgs("--from", "soon");
        BadInputException e = assertThrows(BadInputException.class, bad::filter);
        assertEquals("--from takes a time such as 500ms, 2s or 1m, not 'soon'", e.getMessage());
    }
}
