package dev.agentdbg.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A very small command-line parser (picocli is not available to this module): {@code --name value},
 * {@code --name=value} and flags, with aliases such as JMH's {@code -wi 3}.
 */
final class Args {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param valueOptions canonical names ({@code --forks}) of options that take a value
     * @param flagOptions  canonical names of options without a value
     * @param aliases      alias to canonical name, e.g. {@code -f -> --forks}
     */
    static Args parse(String command, String[] argv, Set<String> valueOptions, Set<String> flagOptions,
                      Map<String, String> aliases) {
        Args a = new Args(command);
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            String name = aliases.getOrDefault(arg, arg);
            if (valueOptions.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException(command + ": option " + arg + " needs a value");
                    }
                    value = argv[++i];
                }
                a.values.put(name, value);
            } else if (flagOptions.contains(name) && inline == null) {
                a.flags.add(name);
            } else {
                Set<String> known = new TreeSet<>(valueOptions);
                known.addAll(flagOptions);
                throw new UsageException(command + ": unknown option '" + argv[i] + "'; known options: "
                        + String.join(" ", known) + " (see benchmarks/README.md)");
            }
        }
        return a;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int getInt(String name, int def, int min) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim().replace("_", ""));
            if (n < min) {
                throw new UsageException(command + ": " + name + " must be at least " + min + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** Seconds as a number, with an optional {@code s} suffix ({@code 30}, {@code 30s}, {@code 0.5s}). */
    double getSeconds(String name, double def, double min) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        String t = v.trim();
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double d = Double.parseDouble(t);
            if (!(d >= min)) {
                throw new UsageException(command + ": " + name + " must be at least " + min + " s, got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " needs seconds (e.g. 30 or 30s), got '" + v + "'");
        }
    }
}
