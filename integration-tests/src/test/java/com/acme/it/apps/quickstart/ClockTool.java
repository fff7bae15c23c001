package com.acme.it.apps.quickstart;

/** A tool whose name() returns a static final field assigned in a static initializer (not inlined). */
public class ClockTool implements Tool {
    private static final String NAME;
    private static final String CATEGORY;

    static {
        NAME = "clock";
        CATEGORY = "time";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Tells the time";
    }

    @Override
    public String spec() {
        return "{\"name\":\"" + NAME + "\"}";
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public String execute(String input) {
        return "12:00 in " + input;
    }
}
