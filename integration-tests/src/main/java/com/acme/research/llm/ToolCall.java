package com.acme.research.llm;

import java.util.Objects;

/** A function call the model asked for: its id, the function name and the JSON-encoded arguments. */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        // The API sends "{}" rather than nothing for an argument-less call; normalise to that.
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }
}
