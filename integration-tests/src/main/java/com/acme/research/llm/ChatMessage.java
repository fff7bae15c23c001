package com.acme.research.llm;

import java.util.List;
import java.util.Objects;

/** One message of a chat conversation, in any of the four roles the chat-completions API knows. */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content, List.of(), null);
    }

    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage(ASSISTANT, content, toolCalls, null);
    }

    /** The result of a tool call, linked to the call by its id so the model can tell results apart. */
    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage(TOOL, content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
