package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the methods that were instrumented but never called. The methods of the user's own rules are listed one
 * per line, since each may be a rule that matched the wrong method; a preset's are folded into one line per preset,
 * since a preset instruments every entry point of its framework and an application uses a few.
 */
final class NeverCalledText {

    /** The configuration key that names the presets; a preset's rule names are {@code <preset>.<rule>}. */
    static final String PRESETS_KEY = "agentdbg.presets";
    /** The first name of a folded line is shortened to no less than this, else only the ellipsis is shown. */
    private static final int MIN_NAME = 12;

    private NeverCalledText() {
    }

    static void render(Summary s, PrintWriter out, int width) {
        List<MethodInfo> methods = s.neverCalled();
        if (methods.isEmpty()) {
            return;
        }
        List<String> presets = presets(s.run());
        Map<String, List<MethodInfo>> byPreset = new LinkedHashMap<>();
        TextTable own = new TextTable("~method", "kind", "~component", "~rule", "~source");
        for (MethodInfo m : methods) {
            String preset = presetOf(m.rule(), presets);
            if (preset == null) {
                own.row(m.displayName(), m.kind(), m.component(), m.rule(), m.sourceLocation());
            } else {
                byPreset.computeIfAbsent(preset, k -> new ArrayList<>()).add(m);
            }
        }
        TextReport.section(out, "Instrumented but never called (" + methods.size() + ")");
        if (!own.isEmpty()) {
            own.print(out, TextReport.INDENT, width);
        }
        byPreset.forEach((preset, folded) -> out.println(folded(preset, folded, width)));
    }

    /** {@code spring-ai preset: 15 methods never called (ChatModel.stream, ChatModel.call, …)}, within width. */
    private static String folded(String preset, List<MethodInfo> methods, int width) {
        StringBuilder line = new StringBuilder(TextReport.INDENT).append(preset).append(" preset: ")
                .append(methods.size()).append(methods.size() == 1 ? " method" : " methods").append(" never called (");
        for (int i = 0; i < methods.size(); i++) {
            String name = methods.get(i).displayName();
            String separator = i == 0 ? "" : ", ";
            boolean last = i == methods.size() - 1;
            // Room for this name and, unless it is the last, the ", …)" that may follow it.
            long room = (long) width - line.length() - separator.length() - (last ? 1 : 4);
            if (name.length() > room && i > 0) {
                line.append(", ").append(TextTable.ELLIPSIS);
                break;
            }
            if (name.length() > room) {
                // Not even the first name fits whole: shortened in the middle, like the names of a table.
                line.append(room < MIN_NAME ? TextTable.ELLIPSIS
                        : TextTable.middle(name, (int) room) + (last ? "" : ", " + TextTable.ELLIPSIS));
                break;
            }
            line.append(separator).append(name);
        }
        return line.append(')').toString();
    }

    private static List<String> presets(RunInfo run) {
        List<String> out = new ArrayList<>();
        String value = run == null ? null : run.config().get(PRESETS_KEY);
        if (value != null) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    out.add(name.strip());
                }
            }
        }
        return out;
    }

    private static String presetOf(String rule, List<String> presets) {
        if (rule == null) {
            return null;
        }
        for (String preset : presets) {
            if (rule.equals(preset) || rule.startsWith(preset + ".")) {
                return preset;
            }
        }
        return null;
    }
}
