package com.acme.research.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parsing of the JSON arguments models send; models do make mistakes, so every problem is an IllegalArgumentException. */
final class ToolArguments {

    static final ObjectMapper JSON = new ObjectMapper();

    private ToolArguments() {
    }

    static String requireText(String argumentsJson, String field) {
        JsonNode arguments;
        try {
            arguments = JSON.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode value = arguments == null ? null : arguments.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing string argument '" + field + "'");
        }
        return value.asText();
    }
}
