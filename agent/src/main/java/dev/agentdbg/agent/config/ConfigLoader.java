package dev.agentdbg.agent.config;

import dev.agentdbg.runtime.IoErrors;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the configuration from its four sources and merges them: agent arguments override
 * {@code -Dagentdbg.*} system properties, which override {@code AGENTDBG_*} environment variables,
 * which override the properties file. Every problem becomes a one-line warning; nothing throws.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "AGENTDBG_";

    private ConfigLoader() {
    }

    public static AgentConfig load(String agentArgs, Properties systemProperties, Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> fromArgs = parseAgentArgs(agentArgs, warnings);
        Map<String, String> fromSystem = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(ConfigKeys.PREFIX)) {
                fromSystem.put(name, systemProperties.getProperty(name));
            }
        }
        Map<String, String> fromEnv = parseEnv(env, warnings);

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        String configPath = firstNonBlank(fromArgs.get(ConfigKeys.CONFIG), fromSystem.get(ConfigKeys.CONFIG),
                fromEnv.get(ConfigKeys.CONFIG));
        if (configPath != null) {
            readFile(Path.of(configPath.trim()), values, origins, warnings);
        }
        putAll(values, origins, fromEnv, "environment");
        putAll(values, origins, fromSystem, "system property");
        putAll(values, origins, fromArgs, "agent argument");
        validateKeys(values, origins, warnings);
        return new AgentConfig(values, origins, warnings);
    }

    /** {@code config=agentdbg.properties,output.dir=/tmp/t}; the {@code agentdbg.} prefix is optional. */
    static Map<String, String> parseAgentArgs(String args, List<String> warnings) {
        Map<String, String> result = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return result;
        }
        for (String piece : args.split(",")) {
            if (piece.isBlank()) {
                continue;
            }
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                warnings.add("agent argument '" + piece.trim() + "' is not key=value (example: "
                        + "-javaagent:agentdbg.jar=config=agentdbg.properties); ignored");
                continue;
            }
            String key = piece.substring(0, eq).trim();
            if (!key.startsWith(ConfigKeys.PREFIX)) {
                key = ConfigKeys.PREFIX + key;
            }
            result.put(key, piece.substring(eq + 1).trim());
        }
        return result;
    }

    static Map<String, String> parseEnv(Map<String, String> env, List<String> warnings) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = envToKey(name);
            if (key == null) {
                String suggestion = Suggestions.nearest(name, ConfigKeys.names().stream().map(ConfigKeys::envName).toList());
                warnings.add("unknown environment variable " + name
                        + (suggestion == null ? "" : " (did you mean " + suggestion + "?)") + "; ignored");
            } else {
                result.put(key, e.getValue());
            }
        }
        return result;
    }

    /** Longest first, so that {@code _CAPTURE_ARGS} is not read as {@code _CAPTURE}. */
    private static final List<String> RULE_ATTRIBUTES_LONGEST_FIRST = ConfigKeys.RULE_ATTRIBUTES.stream()
            .sorted((a, b) -> b.length() - a.length()).toList();

    /** @return the key for an {@code AGENTDBG_*} variable, or null if it names none */
    static String envToKey(String name) {
        for (String key : ConfigKeys.names()) {
            if (ConfigKeys.envName(key).equals(name)) {
                return key;
            }
        }
        String breakPrefix = ConfigKeys.envName(ConfigKeys.BREAK_PREFIX);
        if (name.startsWith(breakPrefix) && name.length() > breakPrefix.length()) {
            // AGENTDBG_BREAK_<NAME>[_WHEN|_HIT|_AT]: the name in lower case, as rule names are
            String rest = name.substring(breakPrefix.length());
            for (String option : ConfigKeys.BREAK_OPTIONS) {
                String suffix = "_" + option.toUpperCase(Locale.ROOT);
                if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                    return ConfigKeys.BREAK_PREFIX + rest.substring(0, rest.length() - suffix.length())
                            .toLowerCase(Locale.ROOT) + "." + option;
                }
            }
            return ConfigKeys.BREAK_PREFIX + rest.toLowerCase(Locale.ROOT);
        }
        String rulePrefix = ConfigKeys.envName(ConfigKeys.RULE_PREFIX);
        if (name.startsWith(rulePrefix)) {
            String rest = name.substring(rulePrefix.length());
            for (String attribute : RULE_ATTRIBUTES_LONGEST_FIRST) {
                String suffix = "_" + attribute.replace('.', '_').toUpperCase(Locale.ROOT);
                String snake = "_" + attribute.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
                for (String s : new String[] {suffix, snake}) {
                    if (rest.endsWith(s) && rest.length() > s.length()) {
                        String ruleName = rest.substring(0, rest.length() - s.length()).toLowerCase(Locale.ROOT);
                        return ConfigKeys.RULE_PREFIX + ruleName + "." + attribute;
                    }
                }
            }
        }
        return null;
    }

    private static void readFile(Path path, Map<String, String> values, Map<String, String> origins,
                                 List<String> warnings) {
        Path absolute = path.toAbsolutePath().normalize();
        String problem = Files.isDirectory(absolute) ? "is a directory, not a properties file"
                : !Files.exists(absolute) ? "not found" : null;
        if (problem != null) {
            warnings.add("configuration file " + absolute + " " + problem + "; running with defaults and the "
                    + "other configuration sources (no rules from the file)");
            return;
        }
        Properties properties = new Properties();
        try {
            PropertiesFileText file = PropertiesFileText.decode(Files.readAllBytes(absolute));
            if (!file.nonUtf8Lines().isEmpty()) {
                warnings.add("configuration file " + absolute + ": " + file.describeLines()
                        + (file.nonUtf8Lines().size() == 1 ? " is" : " are") + " not UTF-8, so the "
                        + "file was read as ISO-8859-1 (as Java reads properties files); every key is kept, but "
                        + "save the file as UTF-8 if non-ASCII text in it looks wrong");
            }
            properties.load(new StringReader(file.text()));
        } catch (IOException | IllegalArgumentException e) {
            warnings.add("configuration file " + absolute + " could not be read (" + IoErrors.reason(e)
                    + "); running without it");
            return;
        }
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
            origins.put(name, absolute.getFileName().toString());
        }
    }

    private static void putAll(Map<String, String> values, Map<String, String> origins,
                               Map<String, String> source, String origin) {
        for (Map.Entry<String, String> e : source.entrySet()) {
            values.put(e.getKey(), e.getValue());
            origins.put(e.getKey(), origin);
        }
    }

    /** Unknown keys are dropped with a warning that names the closest valid key. */
    private static void validateKeys(Map<String, String> values, Map<String, String> origins, List<String> warnings) {
        for (String key : new ArrayList<>(values.keySet())) {
            if (ConfigKeys.isKnown(key)) {
                continue;
            }
            String suggestion;
            if (key.startsWith(ConfigKeys.PRICE_PREFIX) && key.length() > ConfigKeys.PRICE_PREFIX.length()) {
                continue; // validated when the price table is built
            }
            if (key.startsWith(ConfigKeys.REPLAY_OVERRIDE_PREFIX) && key.length() > ConfigKeys.REPLAY_OVERRIDE_PREFIX.length()) {
                continue; // validated with the replay settings
            }
            if (key.startsWith(ConfigKeys.BREAK_PREFIX) && key.length() > ConfigKeys.BREAK_PREFIX.length()) {
                continue; // validated with the debugger settings, which name the breakpoint in the message
            }
            if (key.startsWith(ConfigKeys.RULE_PREFIX)) {
                String rest = key.substring(ConfigKeys.RULE_PREFIX.length());
                if (ConfigKeys.splitRuleKey(rest) != null) {
                    continue;
                }
                int dot = rest.lastIndexOf('.');
                String attribute = dot > 0 ? rest.substring(dot + 1) : rest;
                String nearest = Suggestions.nearest(attribute, ConfigKeys.RULE_ATTRIBUTES);
                String ruleName = dot > 0 ? rest.substring(0, dot) : "<name>";
                suggestion = nearest != null ? ConfigKeys.RULE_PREFIX + ruleName + "." + nearest
                        : null;
                warnings.add("unknown configuration key '" + key + "' (" + origins.get(key) + ")"
                        + (suggestion != null ? " (did you mean '" + suggestion + "'?)"
                        : "; rule keys are agentdbg.rule.<name>.<" + String.join("|", ConfigKeys.RULE_ATTRIBUTES) + ">")
                        + "; ignored");
            } else if (key.startsWith(ConfigKeys.PREFIX)) {
                suggestion = Suggestions.nearest(key, ConfigKeys.names());
                warnings.add("unknown configuration key '" + key + "' (" + origins.get(key) + ")"
                        + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "") + "; ignored");
            } else {
                suggestion = Suggestions.nearest(ConfigKeys.PREFIX + key, ConfigKeys.names());
                warnings.add("configuration key '" + key + "' (" + origins.get(key) + ") does not start with '"
                        + ConfigKeys.PREFIX + "'" + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                        + "; ignored");
            }
            values.remove(key);
        }
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
