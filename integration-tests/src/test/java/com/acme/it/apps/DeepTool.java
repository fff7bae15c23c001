package com.acme.it.apps;

/** Implements Tool only through {@link AbstractTool}, and is loaded before its superclass is. */
public class DeepTool extends AbstractTool {
    @Override
    public String call(String input) {
        return prefix() + input;
    }
}
