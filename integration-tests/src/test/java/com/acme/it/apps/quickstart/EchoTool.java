package com.acme.it.apps.quickstart;

import java.util.Locale;

/** A tool whose name() is computed: no constant to read, so the class name is its tool name. */
public class EchoTool implements Tool {
    @Override
    public String name() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return "Echoes its input";
    }

    @Override
    public String spec() {
        return "{\"name\":\"" + name() + "\"}";
    }

    @Override
    public String category() {
        return "misc";
    }

    @Override
    public String execute(String input) {
        return input;
    }
}
