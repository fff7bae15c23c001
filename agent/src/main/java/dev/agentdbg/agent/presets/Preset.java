package dev.agentdbg.agent.presets;

import dev.agentdbg.agent.rules.Rule;

import java.util.List;

/** A named set of rules for one framework, turned on with {@code agentdbg.presets=<name>}. */
public interface Preset {
    /** The name users write in {@code agentdbg.presets}. */
    String name();

    /** The rules, as if the user had written them; rule names start with the preset's name. */
    List<Rule> rules();
}
