package dev.agentdbg.analyzer.inspect;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;

/** A span without its payload and the method it ran, as the lists and trees of {@code inspect} show it. */
public record SpanRow(Span span, MethodInfo method) {
}
