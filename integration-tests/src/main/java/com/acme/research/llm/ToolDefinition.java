package com.acme.research.llm;

import java.util.Objects;

/** A function the model may call: name, description and its parameters as a JSON Schema document. */
public record ToolDefinition(String name, String description, String parametersSchema) {

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
    }
}
