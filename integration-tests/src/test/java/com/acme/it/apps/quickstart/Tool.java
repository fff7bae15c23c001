package com.acme.it.apps.quickstart;

/**
 * A hand-written tool interface as users write them: besides the work ({@code execute}) it has the
 * accessors an agent calls for every request to the model, which the quick start's
 * {@code subtypeOf} rule must not trace.
 */
public interface Tool {
    /** The function name the model uses. */
    String name();

    /** What the tool does, for the model. */
    String description();

    /** The tool's declaration sent to the model, built from name and description. */
    String spec();

    /** A grouping for the tool list; every implementation returns a constant. */
    String category();

    /** Runs the tool. */
    String execute(String input);
}
