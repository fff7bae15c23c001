package com.acme.it.apps.quickstart.plugin;

import java.util.Locale;

/** The plugin's one tool; its name is a literal. */
public class ShoutPlugin implements PluginTool {
    @Override
    public String getName() {
        return "shout";
    }

    @Override
    public String invoke(String input) {
        return input.toUpperCase(Locale.ROOT);
    }
}
