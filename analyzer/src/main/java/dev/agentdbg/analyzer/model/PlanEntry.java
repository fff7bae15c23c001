package dev.agentdbg.analyzer.model;

import java.util.List;

/**
 * One entry of a replay run's pre-flight ({@code replayPlan} in its {@code run} record): per endpoint or method, how
 * many answers were recorded, served, and not servable, with why.
 */
public record PlanEntry(String kind, String key, long recorded, long served, long unservable, List<String> reasons) {

    public PlanEntry {
        reasons = List.copyOf(reasons);
    }
}
