package dev.agentdbg.agent;

import dev.agentdbg.agent.config.AgentConfig;
import dev.agentdbg.agent.config.ConfigKeys;
import dev.agentdbg.agent.config.Suggestions;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.Condition;
import dev.agentdbg.runtime.debug.DebugSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code agentdbg.debug*} and {@code agentdbg.break.*} keys. As everywhere in the
 * configuration, a bad value is one warning line (key, where it came from, what is wrong, what happens
 * instead) and never stops the application.
 */
final class DebugSetup {
    /** A day: a longer pause is a stranded thread by another name. */
    private static final long MAX_DURATION_MILLIS = 86_400_000L;

    private DebugSetup() {
    }

    /** @param ruleNames the rules that exist (configured and presets), to check rule-name targets against */
    static DebugSettings settings(AgentConfig config, Collection<String> ruleNames) {
        boolean portSet = !config.string(ConfigKeys.DEBUG_PORT).isEmpty();
        boolean enabled = config.bool(ConfigKeys.DEBUG) || portSet;
        int port = portSet ? port(config) : 0;
        long maxPause = positiveDuration(config, ConfigKeys.DEBUG_MAX_PAUSE, DebugSettings.DEFAULT_MAX_PAUSE_MILLIS);
        long releaseAfter = positiveDuration(config, ConfigKeys.DEBUG_RELEASE_AFTER,
                DebugSettings.DEFAULT_RELEASE_AFTER_MILLIS);
        InetAddress bind = InetAddress.getLoopbackAddress();
        boolean remote = false;
        String bindText = config.string(ConfigKeys.DEBUG_BIND);
        if (!bindText.isEmpty()) {
            InetAddress parsed = ipLiteral(bindText);
            if (parsed == null) {
                config.warn("configuration value " + ConfigKeys.DEBUG_BIND + "='" + bindText + "' ("
                        + config.origin(ConfigKeys.DEBUG_BIND) + ") is not an IP address (examples: 127.0.0.1, "
                        + "0.0.0.0, ::1); the debugger binds to 127.0.0.1");
            } else {
                bind = parsed;
                remote = !parsed.isLoopbackAddress();
                if (remote && enabled) {
                    config.warn("the debugger listens on " + parsed.getHostAddress() + " (" + ConfigKeys.DEBUG_BIND
                            + "): anyone who can reach that address and has the token can pause and change this "
                            + "program");
                }
            }
        }
        List<BreakpointSpec> breakpoints = breakpoints(config, ruleNames);
        if (!enabled && !breakpoints.isEmpty()) {
            config.warn("breakpoints are set (" + ConfigKeys.BREAK_PREFIX + "*) but the debugger is off; set "
                    + ConfigKeys.DEBUG + "=true to stop at them");
        }
        return new DebugSettings(enabled, port, bind, remote, maxPause, releaseAfter, breakpoints);
    }

    /** The default is empty (not a number): {@link AgentConfig#integer} would have nothing to fall back to. */
    private static int port(AgentConfig config) {
        String text = config.string(ConfigKeys.DEBUG_PORT);
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 65_535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        config.warn("configuration value " + ConfigKeys.DEBUG_PORT + "='" + text + "' (" + config.origin(ConfigKeys.DEBUG_PORT)
                + ") is not a port (0..65535, 0 = any free port); the debugger uses a free port");
        return 0;
    }

    private static long positiveDuration(AgentConfig config, String key, long defaultMillis) {
        long millis = config.durationMillis(key, MAX_DURATION_MILLIS);
        if (millis <= 0) {
            config.warn("configuration value " + key + "='" + config.string(key) + "' (" + config.origin(key)
                    + ") must be longer than 0; using the default " + ConfigKeys.defaultValue(key));
            return defaultMillis;
        }
        return millis;
    }

    /** An IP address written as one (no name look-up at start-up), or localhost; else null. */
    static InetAddress ipLiteral(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code agentdbg.break.<name>=<target>} with its options; a bad breakpoint is left out with a warning. */
    static List<BreakpointSpec> breakpoints(AgentConfig config, Collection<String> ruleNames) {
        Map<String, String> targets = new TreeMap<>();
        Map<String, Map<String, String>> options = new TreeMap<>();
        config.withPrefix(ConfigKeys.BREAK_PREFIX).forEach((rest, value) -> {
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String key = ConfigKeys.BREAK_PREFIX + rest;
            if (!name.matches("[A-Za-z0-9_-]+")) {
                config.warn("configuration key " + key + " (" + config.origin(key) + "): a breakpoint name is letters, "
                        + "digits, '_' and '-' (agentdbg.break.<name>=<target>); ignored");
            } else if (dot < 0) {
                targets.put(name, value);
            } else {
                String option = rest.substring(dot + 1);
                if (ConfigKeys.BREAK_OPTIONS.contains(option)) {
                    options.computeIfAbsent(name, n -> new TreeMap<>()).put(option, value);
                } else {
                    String nearest = Suggestions.nearest(option, ConfigKeys.BREAK_OPTIONS);
                    config.warn("unknown configuration key '" + key + "' (" + config.origin(key) + ")"
                            + (nearest != null ? " (did you mean '" + ConfigKeys.BREAK_PREFIX + name + "." + nearest + "'?)"
                            : "; breakpoint options are " + String.join(", ", ConfigKeys.BREAK_OPTIONS)) + "; ignored");
                }
            }
        });
        for (String name : options.keySet()) {
            if (!targets.containsKey(name)) {
                config.warn("configuration keys " + ConfigKeys.BREAK_PREFIX + name + ".* set options of a breakpoint "
                        + "that has no target (" + ConfigKeys.BREAK_PREFIX + name + "=<target> is missing); ignored");
            }
        }
        List<BreakpointSpec> specs = new ArrayList<>();
        for (Map.Entry<String, String> e : targets.entrySet()) {
            BreakpointSpec spec = breakpoint(config, e.getKey(), e.getValue(),
                    options.getOrDefault(e.getKey(), Map.of()), ruleNames);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private static BreakpointSpec breakpoint(AgentConfig config, String name, String target,
                                             Map<String, String> options, Collection<String> ruleNames) {
        String key = ConfigKeys.BREAK_PREFIX + name;
        String current = key;
        try {
            BreakpointSpec.Target t = BreakpointSpec.parseTarget(target);
            current = key + ".at";
            int at = options.containsKey("at") ? BreakpointSpec.parseAt(options.get("at")) : PauseGate.AT_ENTER;
            current = key + ".hit";
            long hit = options.containsKey("hit") ? BreakpointSpec.parseHit(options.get("hit")) : 0;
            current = key + ".when";
            Condition when = options.containsKey("when") ? Condition.parse(options.get("when")) : null;
            if (t instanceof BreakpointSpec.RuleTarget r && !ruleNames.contains(r.rule())) {
                String nearest = Suggestions.nearest(r.rule(), List.copyOf(ruleNames));
                config.warn("configuration value " + key + "='" + target + "' (" + config.origin(key) + ") names no rule"
                        + (nearest != null ? " (did you mean '" + nearest + "'?)" : "")
                        + "; the breakpoint is kept but stops at nothing until such a rule exists");
            }
            return new BreakpointSpec(name, t, at, hit, when);
        } catch (IllegalArgumentException e) {
            String value = current.equals(key) ? target : options.get(current.substring(key.length() + 1));
            config.warn("configuration value " + current + "='" + value + "' (" + config.origin(current) + ") "
                    + e.getMessage() + "; breakpoint " + name + " ignored");
            return null;
        }
    }
}
