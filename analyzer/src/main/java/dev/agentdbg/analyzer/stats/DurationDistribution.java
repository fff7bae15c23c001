package dev.agentdbg.analyzer.stats;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The durations of one group of spans, for percentiles; the one percentile helper every report uses.
 *
 * <p>Values are kept exactly up to {@value #EXACT_LIMIT} samples, so ordinary runs get exact percentiles.
 * Past that the group switches to an HdrHistogram with 3 significant digits (error at most 0.1%), which keeps
 * memory bounded however many spans a run has.
 */
public final class DurationDistribution {

    static final int EXACT_LIMIT = 65_536;
    private static final int SIGNIFICANT_DIGITS = 3;

    private long[] exact = new long[8];
    private int size;
    private boolean sorted = true;
    private Histogram histogram;

    public void record(long nanos) {
        long value = Math.max(0, nanos);
        if (histogram != null) {
            histogram.recordValue(value);
            return;
        }
        if (size == EXACT_LIMIT) {
            switchToHistogram();
            histogram.recordValue(value);
            return;
        }
        if (size == exact.length) {
            exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, size * 2));
        }
        exact[size++] = value;
        sorted = false;
    }

    /** Adds every value of {@code other}, e.g. to build a per-kind group from per-method groups. */
    public void addAll(DurationDistribution other) {
        if (other.histogram != null) {
            if (histogram == null) {
                switchToHistogram();
            }
            histogram.add(other.histogram);
            return;
        }
        for (int i = 0; i < other.size; i++) {
            record(other.exact[i]);
        }
    }

    /** Nearest-rank percentile: the smallest recorded value with at least {@code p}% of values at or below it. */
    public long percentile(double p) {
        if (histogram != null) {
            return histogram.getValueAtPercentile(p);
        }
        if (size == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(exact, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return exact[Math.min(size, Math.max(1, rank)) - 1];
    }

    /** The longest duration recorded, 0 when none; within 0.1% once the group has switched to a histogram. */
    public long max() {
        if (histogram != null) {
            return histogram.getMaxValue();
        }
        return size == 0 ? 0 : percentile(100);
    }

    /** Whether percentiles are exact (true until the group outgrows {@value #EXACT_LIMIT} samples). */
    public boolean isExact() {
        return histogram == null;
    }

    public long count() {
        return histogram != null ? histogram.getTotalCount() : size;
    }

    private void switchToHistogram() {
        histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (int i = 0; i < size; i++) {
            histogram.recordValue(exact[i]);
        }
        exact = new long[0];
        size = 0;
    }
}
