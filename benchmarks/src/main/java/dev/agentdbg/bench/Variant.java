package dev.agentdbg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What is attached to a measured JVM. */
enum Variant {
    /** No agent at all. */
    BASELINE,
    /** {@code -javaagent:agent/target/agentdbg.jar=config=<generated properties>}. */
    AGENTDBG,
    /** The OpenTelemetry Java agent with its methods instrumentation on {@code com.acme.bench.Work}. */
    OTEL;

    static final String ALL = "baseline,agentdbg,otel";

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<Variant> parseList(String csv) {
        List<Variant> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            Variant v = switch (p) {
                case "baseline", "none", "noagent" -> BASELINE;
                case "agentdbg" -> AGENTDBG;
                case "otel", "opentelemetry" -> OTEL;
                default -> throw new UsageException("unknown variant '" + part.trim()
                        + "' (expected a comma-separated list of baseline, agentdbg, otel)");
            };
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("no variant selected (expected e.g. " + ALL + ")");
        }
        out.sort(null); // always baseline, agentdbg, otel: the table's column order
        return out;
    }
}
