package com.acme.research.llm;

import java.util.List;
import java.util.Objects;

/** A chat-completion request: the model, the conversation so far and the tools the model may call. */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolDefinition> tools, double temperature) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        // Copy: agents keep appending to their own conversation list after the request is sent.
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ChatRequest(String model, List<ChatMessage> messages) {
        this(model, messages, List.of(), 0.0);
    }
}
