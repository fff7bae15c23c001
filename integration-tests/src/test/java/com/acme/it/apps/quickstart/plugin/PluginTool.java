package com.acme.it.apps.quickstart.plugin;

/**
 * A tool interface that only a plugin class loader can see: its class file is not on the class
 * path when the agent starts, so a rule's picks are learnt at the first class that implements it.
 */
public interface PluginTool {
    String getName();

    String invoke(String input);
}
