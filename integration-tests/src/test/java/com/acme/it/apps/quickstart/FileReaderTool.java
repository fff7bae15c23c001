package com.acme.it.apps.quickstart;

/** A tool whose name() returns an instance field: two instances, two names. */
public class FileReaderTool implements Tool {
    private final String name;
    private final String category;

    public FileReaderTool(String name) {
        this.name = name;
        this.category = "files";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Reads files";
    }

    @Override
    public String spec() {
        return "{\"name\":\"" + name + "\"}";
    }

    @Override
    public String category() {
        return category;
    }

    @Override
    public String execute(String input) {
        return name + " read " + input;
    }
}
