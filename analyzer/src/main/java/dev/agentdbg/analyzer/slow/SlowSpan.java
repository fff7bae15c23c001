package dev.agentdbg.analyzer.slow;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;

/**
 * One span over the threshold and where its time went. {@code llm + tool + own == span.dur()}.
 *
 * @param threshold         the threshold it was over (its method's percentile, or the absolute time)
 * @param llm               time waiting on LLM calls below it: the union of their intervals within the span's
 * @param tool              time in tool calls below it, outside LLM waits (union, within the span's interval)
 * @param own               the rest: the span's own code, and children that are neither LLM nor tool calls
 * @param toolCalls         its direct tool children
 * @param serialTools       two or more direct tool children, none overlapping another: they ran one after another
 * @param serialSavable     for serial tools, their total minus the longest: what running them in parallel could save
 * @param verdict           the largest share, as a sentence
 */
public record SlowSpan(Span span, MethodInfo method, long threshold, long llm, long tool, long own, int toolCalls,
                       boolean serialTools, long serialSavable, Verdict verdict) {

    /** Where most of a slow span's time went. */
    public enum Verdict {
        LLM("LLM was slow"),
        OWN("own code was slow"),
        TOOLS("tools were slow"),
        SERIAL_TOOLS("tools ran serially");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** The JSON name: {@code llm}, {@code own}, {@code tools}, {@code serialTools}. */
        public String key() {
            return switch (this) {
                case LLM -> "llm";
                case OWN -> "own";
                case TOOLS -> "tools";
                case SERIAL_TOOLS -> "serialTools";
            };
        }
    }
}
