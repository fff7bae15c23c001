package com.acme.it.apps.quickstart;

/** A tool whose name() returns a string literal. */
public class WebSearchTool implements Tool {
    @Override
    public String name() {
        return "web_search";
    }

    @Override
    public String description() {
        return "Searches the web";
    }

    @Override
    public String spec() {
        return "{\"name\":\"" + name() + "\",\"description\":\"" + description() + "\"}";
    }

    @Override
    public String category() {
        return "search";
    }

    @Override
    public String execute(String input) {
        return "results for " + input;
    }
}
