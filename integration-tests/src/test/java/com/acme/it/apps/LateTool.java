package com.acme.it.apps;

/** Loaded by name long after start-up, to prove rules apply to classes loaded later. */
public class LateTool implements Tool {
    @Override
    public String call(String input) {
        return "late " + input;
    }
}
