package com.acme.research.tools;

import com.acme.research.llm.ToolDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools an agent offers to the model, by function name. */
public class ToolRegistry {

    // Insertion order, so the tool list sent to the model is stable from request to request.
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public ToolRegistry register(Tool tool) {
        if (tools.putIfAbsent(tool.name(), tool) != null) {
            throw new IllegalArgumentException("a tool named '" + tool.name() + "' is already registered");
        }
        return this;
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The function definitions to send with a chat request. */
    public List<ToolDefinition> definitions() {
        return tools.values().stream()
                .map(tool -> new ToolDefinition(tool.name(), tool.description(), tool.parametersSchema()))
                .toList();
    }
}
