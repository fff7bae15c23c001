package dev.agentdbg.analyzer.bundle;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;

/**
 * A span kept for the bundle: without its payload (the excerpt line holds the cut payload), with a short preview of
 * its first argument and result for the narrative.
 */
public record Selected(Span span, MethodInfo method, String line, String argPreview, String resultPreview) {
}
