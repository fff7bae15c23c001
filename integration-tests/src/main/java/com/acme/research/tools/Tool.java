package com.acme.research.tools;

import java.io.IOException;

/** A function the research agent can offer to the model: described by a JSON Schema, run with JSON arguments. */
public interface Tool {

    /** The function name the model uses in its tool calls. */
    String name();

    /** What the tool does, written for the model. */
    String description();

    /** The JSON Schema of the arguments object. */
    String parametersSchema();

    /**
     * Runs the tool.
     *
     * @param argumentsJson the arguments object exactly as the model produced it
     * @return the result, as text for the model to read
     * @throws IOException              on a transient failure worth retrying
     * @throws IllegalArgumentException when the arguments are wrong (retrying would not help)
     */
    String run(String argumentsJson) throws IOException;
}
