package com.acme.it.apps.quickstart;

/** A tool whose name() is inherited from its base class, which returns a field. */
public class TranslateTool extends NamedTool {
    public TranslateTool() {
        super("translate");
    }

    @Override
    public String description() {
        return "Translates text";
    }

    @Override
    public String execute(String input) {
        return "translated " + input;
    }
}
