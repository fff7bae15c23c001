package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentdbg.analyzer.stats.DurationDistribution;
import org.junit.jupiter.api.Test;

/** Percentiles are exact for ordinary groups and stay within 0.1% once a group outgrows exact storage. */
class DurationDistributionTest {

    @Test
    void nearestRankPercentilesAreExact() {
        DurationDistribution d = new DurationDistribution();
        for (long v : new long[] {50, 10, 40, 20, 30}) {
            d.record(v);
        }
        assertEquals(30, d.percentile(50));
        assertEquals(50, d.percentile(95));
        assertEquals(10, d.percentile(0));
        assertTrue(d.isExact());
    }

    @Test
    void emptyGroupHasZeroPercentiles() {
        assertEquals(0, new DurationDistribution().percentile(50));
    }

    @Test
    void hugeGroupsSwitchToAHistogramWithinOneTenthOfAPercent() {
        DurationDistribution d = new DurationDistribution();
        for (long i = 1; i <= 200_000; i++) {
            d.record(i * 1_000); // 1 µs .. 200 ms
        }
        assertFalse(d.isExact());
        assertEquals(200_000, d.count());
        assertEquals(100_000_000.0, d.percentile(50), 100_000_000 * 0.001);
        assertEquals(190_000_000.0, d.percentile(95), 190_000_000 * 0.001);
    }

    @Test
    void mergingKeepsEveryValue() {
        DurationDistribution a = new DurationDistribution();
        DurationDistribution b = new DurationDistribution();
        a.record(1);
        b.record(3);
        b.record(2);
        a.addAll(b);
        assertEquals(3, a.count());
        assertEquals(2, a.percentile(50));
    }
}
