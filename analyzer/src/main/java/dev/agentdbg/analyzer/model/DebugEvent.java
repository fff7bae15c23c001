package dev.agentdbg.analyzer.model;

/**
 * A {@code debug} record: what the live debugger did (docs/trace-format.md, "Live debugger records"). Fields the
 * record does not carry are null ({@code span} 0, {@code pausedNanos} -1).
 *
 * @param event  {@code pause}, {@code release}, {@code warning}, {@code edit} or {@code breakpoint}
 * @param span   the call's span id, 0 when none
 * @param target for an edit: {@code body}, {@code result} or {@code args[<n>]}
 */
public record DebugEvent(String event, long time, long span, String thread, String at, String breakpoint,
                         String command, String reason, long pausedNanos, String text, String target, String before,
                         String after) {
}
