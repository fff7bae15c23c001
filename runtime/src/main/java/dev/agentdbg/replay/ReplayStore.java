package dev.agentdbg.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recording loaded for replay: the recorded run's id, its HTTP exchanges by endpoint, its value
 * records (tools and other rules, in recorded order), its deterministic values by call site, and
 * what could not be read.
 */
public final class ReplayStore {
    public static final ReplayStore EMPTY = new ReplayStore(null, List.of(), List.of(), Map.of(), List.of(), null);

    private final String runId;
    private final List<RecordedExchange> exchanges;
    private final Map<String, List<RecordedExchange>> byEndpoint = new LinkedHashMap<>();
    private final List<ObjectNode> values;
    private final Map<String, long[]> deterministic;
    private final Map<String, String> deterministicWhat;
    private final List<String> problems;
    private final String source;

    public ReplayStore(String runId, List<RecordedExchange> exchanges, List<ObjectNode> values,
                       Map<String, long[]> deterministic, List<String> problems, String source) {
        this(runId, exchanges, values, deterministic, Map.of(), problems, source);
    }

    /** @param deterministicWhat per call site, what its values are ({@code det} records' {@code what}) */
    public ReplayStore(String runId, List<RecordedExchange> exchanges, List<ObjectNode> values,
                       Map<String, long[]> deterministic, Map<String, String> deterministicWhat,
                       List<String> problems, String source) {
        this.runId = runId;
        this.exchanges = List.copyOf(exchanges);
        for (RecordedExchange e : this.exchanges) {
            byEndpoint.computeIfAbsent(e.endpoint(), k -> new ArrayList<>()).add(e);
        }
        this.values = List.copyOf(values);
        this.deterministic = Map.copyOf(deterministic);
        this.deterministicWhat = Map.copyOf(deterministicWhat);
        this.problems = List.copyOf(problems);
        this.source = source;
    }

    /** The recorded run's id; null when nothing was loaded. */
    public String runId() {
        return runId;
    }

    /** Where it was read from (files), for messages. */
    public String source() {
        return source;
    }

    /** Every exchange, in the order of the recorded calls. */
    public List<RecordedExchange> exchanges() {
        return exchanges;
    }

    /** The exchanges of one endpoint, in recorded order; empty when none. */
    public List<RecordedExchange> exchanges(String endpoint) {
        return byEndpoint.getOrDefault(endpoint, List.of());
    }

    public Map<String, List<RecordedExchange>> byEndpoint() {
        return byEndpoint;
    }

    /** The {@code value} records, in the order they were written (per method, the call order). */
    public List<ObjectNode> values() {
        return values;
    }

    /** The values recorded at a rewritten call site ({@code det} records), or null when none were. */
    public long[] deterministic(String site) {
        return deterministic.get(site);
    }

    public Map<String, long[]> deterministicSites() {
        return deterministic;
    }

    /** What a call site's recorded values are ({@code currentTimeMillis}, {@code uuid}, ...), or null when unknown. */
    public String deterministicWhat(String site) {
        return deterministicWhat.get(site);
    }

    /** What could not be read (corrupt or truncated lines, unreadable files), one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
