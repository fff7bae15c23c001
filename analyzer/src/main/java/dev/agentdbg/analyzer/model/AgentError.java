package dev.agentdbg.analyzer.model;

/** A fault inside the agent that it caught and survived ({@code agentError} record). */
public record AgentError(String where, String message, long count) {
}
