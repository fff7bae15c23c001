package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.stats.DurationDistribution;

/** Running totals for one group of spans (a method, a kind, a component). */
final class GroupStats {

    private long count;
    private long errors;
    private long totalNanos;
    private long selfNanos;
    private final DurationDistribution durations = new DurationDistribution();

    void add(long durNanos, long selfNanos, boolean error) {
        count++;
        if (error) {
            errors++;
        }
        totalNanos += durNanos;
        this.selfNanos += selfNanos;
        durations.record(durNanos);
    }

    void addAll(GroupStats other) {
        count += other.count;
        errors += other.errors;
        totalNanos += other.totalNanos;
        selfNanos += other.selfNanos;
        durations.addAll(other.durations);
    }

    long count() {
        return count;
    }

    long errors() {
        return errors;
    }

    long totalNanos() {
        return totalNanos;
    }

    long selfNanos() {
        return selfNanos;
    }

    long p50() {
        return durations.percentile(50);
    }

    long p95() {
        return durations.percentile(95);
    }
}
