package dev.agentdbg.agent.presets;

import dev.agentdbg.agent.config.AgentConfig;
import dev.agentdbg.agent.config.ConfigKeys;
import dev.agentdbg.agent.config.Suggestions;
import dev.agentdbg.agent.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The presets agentdbg ships, and the rules of those a configuration turns on. */
public final class Presets {
    private Presets() {
    }

    /** Every preset, by name, in the order the README lists them. */
    public static Map<String, Preset> all() {
        Map<String, Preset> all = new LinkedHashMap<>();
        for (Preset p : List.of(new LangChain4jPreset(), new OpenAiJavaPreset(), new SpringAiPreset())) {
            all.put(p.name(), p);
        }
        return all;
    }

    /**
     * The rules of the presets named in {@code agentdbg.presets}; an unknown name is a warning with
     * the nearest preset name, and is skipped.
     */
    public static List<Rule> rules(AgentConfig config) {
        List<Rule> rules = new ArrayList<>();
        Map<String, Preset> all = all();
        for (String name : config.list(ConfigKeys.PRESETS)) {
            Preset preset = all.get(name.toLowerCase(Locale.ROOT));
            if (preset == null) {
                String nearest = Suggestions.nearest(name, List.copyOf(all.keySet()));
                config.warn("unknown preset '" + name + "' in " + ConfigKeys.PRESETS
                        + (nearest != null ? " (did you mean '" + nearest + "'?)" : "")
                        + "; presets are " + String.join(", ", all.keySet()));
                continue;
            }
            rules.addAll(preset.rules());
        }
        return rules;
    }
}
