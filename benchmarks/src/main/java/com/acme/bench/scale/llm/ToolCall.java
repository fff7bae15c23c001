package com.acme.bench.scale.llm;

/** A tool call the model asked for: id, tool name and JSON arguments, as in the chat-completions API. */
public final class ToolCall {
    final String id;
    final String name;
    final String arguments;

    public ToolCall(String id, String name, String arguments) {
        this.id = id;
        this.name = name;
        this.arguments = arguments;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String arguments() {
        return arguments;
    }
}
