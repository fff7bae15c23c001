package com.acme.it.apps.quickstart;

/** A base class that keeps the tool's name in a field its subclasses set. */
public abstract class NamedTool implements Tool {
    private final String toolName;

    protected NamedTool(String toolName) {
        this.toolName = toolName;
    }

    @Override
    public String name() {
        return toolName;
    }

    @Override
    public String spec() {
        return "{\"name\":\"" + toolName + "\"}";
    }

    @Override
    public String category() {
        return "language";
    }
}
