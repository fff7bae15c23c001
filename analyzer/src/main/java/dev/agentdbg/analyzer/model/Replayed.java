package dev.agentdbg.analyzer.model;

/**
 * A {@code replayed} record of a replay run: the call of span {@code span} was answered from the recording (or an
 * override) instead of running.
 *
 * @param kind   {@code llm} or {@code tool}
 * @param source {@code recording} or {@code override}
 */
public record Replayed(long span, long call, String kind, String source, String key) {

    public boolean isLlm() {
        return Kinds.LLM.equals(kind);
    }
}
