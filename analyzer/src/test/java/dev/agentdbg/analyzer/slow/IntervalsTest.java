package dev.agentdbg.analyzer.slow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The union arithmetic and the bound of {@link Intervals}. */
class IntervalsTest {

    @Test
    void overlappingIntervalsCountOnceInAnyOrder() {
        Intervals i = new Intervals();
        i.add(50, 60);
        i.add(0, 10);
        i.add(5, 20);
        i.add(55, 70);
        i.add(20, 25);
        assertEquals(25 + 20, i.measure());
        assertEquals(2, i.size());
        assertEquals(15 + 10, i.clip(10, 60).measure());
    }

    @Test
    void emptyAndReversedIntervalsAreIgnored() {
        Intervals i = new Intervals();
        i.add(10, 10);
        i.add(10, 5);
        assertEquals(0, i.measure());
    }

    @Test
    void pastTheCapDisjointIntervalsAreDroppedAndCounted() {
        Intervals i = new Intervals();
        int n = Intervals.CAP + 10;
        for (int k = 0; k < n; k++) {
            i.add(k * 10L, k * 10L + 5);
        }
        assertEquals(Intervals.CAP, i.size());
        assertEquals(10, i.dropped());
        assertEquals(Intervals.CAP * 5L, i.measure());
        // Adjacent ones merge and never count against the cap.
        Intervals adjacent = new Intervals();
        for (int k = 0; k < n; k++) {
            adjacent.add(k * 10L, k * 10L + 10);
        }
        assertEquals(1, adjacent.size());
        assertEquals(0, adjacent.dropped());
    }

    @Test
    void aFoldingSetAddsUpItsOldestHalfInsteadOfDropping() {
        Intervals run = Intervals.folding();
        int n = 3 * Intervals.CAP;
        for (int k = 0; k < n; k++) {
            run.add(k * 10L, k * 10L + 5);
        }
        assertEquals(n * 5L, run.measure());
        assertEquals(0, run.dropped());
        assertEquals(0, run.approximate());
        // An interval reaching back into the folded part counts from its end on, and is counted as approximate.
        run.add(0, n * 10L + 5);
        assertEquals(1, run.approximate());
    }
}
