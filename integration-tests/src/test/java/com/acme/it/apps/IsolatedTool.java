package com.acme.it.apps;

/** Loaded again in a separate class loader, to prove advice reaches classes of any loader. */
public class IsolatedTool implements Tool {
    @Override
    public String call(String input) {
        return "isolated " + input;
    }
}
