package com.acme.bench.scale.llm;

import java.util.List;

/** One chat message: system, user, assistant (possibly with tool calls) or tool (a tool's result). */
public final class Message {
    final String role;
    final String content;
    final List<ToolCall> toolCalls;
    final String toolCallId;

    public Message(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
        this.role = role;
        this.content = content;
        this.toolCalls = toolCalls;
        this.toolCallId = toolCallId;
    }

    public static Message of(String role, String content) {
        return new Message(role, content, null, null);
    }

    public String content() {
        return content;
    }

    public boolean isToolResult() {
        return "tool".equals(role);
    }

    /** This tool result as the stub an agent sends once it is old. */
    public Message omitted() {
        return new Message(role, "[earlier result omitted, " + (content == null ? 0 : content.length()) + " chars]",
                null, toolCallId);
    }

    public List<ToolCall> toolCalls() {
        return toolCalls == null ? List.of() : toolCalls;
    }
}
