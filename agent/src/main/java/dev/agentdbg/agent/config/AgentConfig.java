package dev.agentdbg.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged configuration with typed, validated accessors. A bad value never stops the agent: it
 * becomes a warning and the default is used.
 */
public final class AgentConfig {
    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<String> warnings;

    AgentConfig(Map<String, String> values, Map<String, String> origins, List<String> warnings) {
        this.values = values;
        this.origins = origins;
        this.warnings = warnings;
    }

    /** Problems found so far, one line each, in the order found. */
    public List<String> warnings() {
        return warnings;
    }

    public void warn(String message) {
        warnings.add(message);
    }

    /** Where a key's value came from, for messages ("agent arguments", a file path, ...). */
    public String origin(String key) {
        return origins.getOrDefault(key, "defaults");
    }

    public String string(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? ConfigKeys.defaultValue(key) : v.trim();
    }

    public boolean bool(String key) {
        String v = string(key).toLowerCase(Locale.ROOT);
        switch (v) {
            case "true": case "yes": case "on": case "1": return true;
            case "false": case "no": case "off": case "0": return false;
            default:
                return invalid(key, "is not true or false", Boolean.parseBoolean(ConfigKeys.defaultValue(key)));
        }
    }

    public int integer(String key, int min, int max) {
        String v = string(key);
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < min || n > max) {
                return invalid(key, "is outside " + min + ".." + max, Integer.parseInt(ConfigKeys.defaultValue(key)));
            }
            return n;
        } catch (NumberFormatException e) {
            return invalid(key, "is not a whole number", Integer.parseInt(ConfigKeys.defaultValue(key)));
        }
    }

    /** One of {@code allowed} (case-insensitive), else the default with a warning that lists them. */
    public String choice(String key, String... allowed) {
        String v = string(key).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        return invalid(key, "is not one of " + String.join(", ", allowed), ConfigKeys.defaultValue(key));
    }

    /** Keys that start with {@code prefix}, by the rest of the key (e.g. replay overrides by call number). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
                found.put(e.getKey().substring(prefix.length()), e.getValue().trim());
            }
        }
        return found;
    }

    /** Sizes such as {@code 100MB}, {@code 512k}, {@code 1G} or plain bytes. */
    public long size(String key, long min) {
        String v = string(key);
        try {
            long n = parseSize(v);
            if (n < min) {
                return invalid(key, "is smaller than " + min + " bytes", parseSize(ConfigKeys.defaultValue(key)));
            }
            return n;
        } catch (NumberFormatException e) {
            return invalid(key, "is not a size (examples: 100MB, 512KB, 1GB)", parseSize(ConfigKeys.defaultValue(key)));
        }
    }

    /** Durations such as {@code 500ms}, {@code 2s} or {@code 1m}, in milliseconds, at most {@code maxMillis}. */
    public long durationMillis(String key, long maxMillis) {
        String v = string(key);
        try {
            long n = parseDurationMillis(v);
            if (n > maxMillis) {
                return invalid(key, "is longer than " + maxMillis + " ms", parseDurationMillis(ConfigKeys.defaultValue(key)));
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            return invalid(key, "is not a duration (examples: 500ms, 2s)", parseDurationMillis(ConfigKeys.defaultValue(key)));
        }
    }

    static long parseDurationMillis(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
        long unit;
        if (s.endsWith("ms")) {
            unit = 1;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000;
            s = s.substring(0, s.length() - 1);
        } else {
            throw new NumberFormatException("no unit: " + text);
        }
        long n = Long.parseLong(s);
        if (n < 0) {
            throw new NumberFormatException("negative: " + text);
        }
        return Math.multiplyExact(n, unit);
    }

    static long parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("_", "");
        long unit = 1;
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("K")) {
            unit = 1024;
        } else if (s.endsWith("M")) {
            unit = 1024 * 1024;
        } else if (s.endsWith("G")) {
            unit = 1024L * 1024 * 1024;
        }
        if (unit > 1) {
            s = s.substring(0, s.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(s), unit);
    }

    private <T> T invalid(String key, String problem, T fallback) {
        warn("configuration value " + key + "='" + values.get(key) + "' (" + origin(key) + ") " + problem
                + "; using the default " + ConfigKeys.defaultValue(key));
        return fallback;
    }

    /** Rule definitions: rule name -> attribute -> value, rule names sorted. */
    public Map<String, Map<String, String>> rules() {
        Map<String, Map<String, String>> rules = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(ConfigKeys.RULE_PREFIX)) {
                continue;
            }
            String[] nameAndAttribute = ConfigKeys.splitRuleKey(key.substring(ConfigKeys.RULE_PREFIX.length()));
            if (nameAndAttribute != null) { // others were reported by the loader
                rules.computeIfAbsent(nameAndAttribute[0], k -> new LinkedHashMap<>())
                        .put(nameAndAttribute[1], e.getValue().trim());
            }
        }
        return rules;
    }

    /** The price table: model name -> the value as written ({@code input,cachedInput,output[,cacheWrite]}). */
    public Map<String, String> prices() {
        Map<String, String> prices = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(ConfigKeys.PRICE_PREFIX) && e.getKey().length() > ConfigKeys.PRICE_PREFIX.length()) {
                prices.put(e.getKey().substring(ConfigKeys.PRICE_PREFIX.length()), e.getValue().trim());
            }
        }
        return prices;
    }

    /** Comma-separated list value, trimmed, empty entries dropped. */
    public List<String> list(String key) {
        List<String> items = new ArrayList<>();
        for (String item : string(key).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /** The effective value of every non-rule key, for the trace's run record. */
    public Map<String, String> effectiveSettings() {
        Map<String, String> effective = new LinkedHashMap<>();
        for (String key : ConfigKeys.names()) {
            effective.put(key, string(key));
        }
        return effective;
    }

    /** A copy of the warnings, safe to hand to other threads. */
    public List<String> warningsSnapshot() {
        return new ArrayList<>(warnings);
    }
}
