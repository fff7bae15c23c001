package dev.agentdbg.analyzer.bundle;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.report.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the agent did, told from the span tree of each trace: one sentence per trace, then the tree as a nested list
 * in which calls that overlapped in time are grouped as parallel and a failed call followed by a call of the same
 * name is marked as retried.
 */
final class Narrative {

    static final int MAX_DEPTH = 6;
    static final int MAX_LINES_PER_TRACE = 60;

    private final Map<Long, List<Selected>> children = new HashMap<>();
    private final List<Selected> roots = new ArrayList<>();
    private int lines;

    private Narrative(List<Selected> spans) {
        Set<Long> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.span().id()));
        for (Selected s : spans) {
            if (s.span().hasParent() && ids.contains(s.span().parent())) {
                children.computeIfAbsent(s.span().parent(), k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        Comparator<Selected> byStart = Comparator.comparingLong((Selected s) -> s.span().start());
        children.values().forEach(l -> l.sort(byStart));
        roots.sort(byStart);
    }

    /** The spans kept, grouped by trace in the order their traces started. */
    static Map<String, List<Selected>> byTrace(List<Selected> spans) {
        Map<String, Long> starts = new HashMap<>();
        spans.forEach(s -> starts.merge(s.span().trace(), s.span().start(), Math::min));
        Map<String, List<Selected>> out = new LinkedHashMap<>();
        spans.stream().sorted(Comparator.comparingLong((Selected s) -> starts.get(s.span().trace()))
                        .thenComparing(s -> s.span().trace()))
                .forEach(s -> out.computeIfAbsent(s.span().trace(), k -> new ArrayList<>()).add(s));
        return out;
    }

    /** The story of one trace's kept spans, as markdown lines. */
    static List<String> tell(List<Selected> traceSpans) {
        Narrative n = new Narrative(traceSpans);
        List<String> out = new ArrayList<>();
        long orphans = n.roots.stream().filter(r -> r.span().hasParent()).count();
        for (Selected root : n.roots) {
            if (!root.span().hasParent()) {
                out.add(n.sentence(root));
            }
        }
        if (orphans > 0) {
            out.add(orphans + " call(s) below have a caller that is not among these spans: it was still running when"
                    + " the trace ended, or it is outside the selection or the excerpt.");
        }
        out.add("");
        for (Selected root : n.roots) {
            n.tree(root, 0, null, out);
        }
        if (n.lines >= MAX_LINES_PER_TRACE) {
            out.add("- ... (more calls of this trace are in spans_excerpt.jsonl)");
        }
        return out;
    }

    /** "`PlannerAgent.run` asked gpt-4o (...), then ran calculator, read_file and web_search in parallel, ..." */
    private String sentence(Selected root) {
        StringBuilder b = new StringBuilder("`" + name(root) + "` (" + root.method().kind() + ", "
                + Durations.human(root.span().dur()) + ")");
        List<List<Selected>> steps = steps(children.getOrDefault(root.span().id(), List.of()));
        List<String> phrases = new ArrayList<>();
        for (List<Selected> step : steps) {
            if (step.size() == 1) {
                phrases.add(phrase(step.get(0)));
            } else {
                List<String> names = new ArrayList<>();
                step.forEach(s -> names.add(short_(s)));
                phrases.add("ran " + and(distinctInOrder(names)) + " in parallel");
            }
        }
        phrases = collapse(phrases);
        if (phrases.isEmpty()) {
            b.append(" made no traced call");
        } else {
            b.append(' ').append(String.join(", then ", phrases));
        }
        b.append(root.span().isError() ? " and failed with " + root.span().error().simpleType() + "." : ".");
        List<String> failures = failures(root);
        if (!failures.isEmpty()) {
            b.append(' ').append(String.join("; ", failures)).append('.');
        }
        return b.toString();
    }

    /** "web_search failed once with IOException and was retried (ok)" for each failed descendant. */
    private List<String> failures(Selected root) {
        List<String> out = new ArrayList<>();
        collectFailures(root, out, 0);
        return out;
    }

    private void collectFailures(Selected parent, List<String> out, int depth) {
        List<Selected> kids = children.getOrDefault(parent.span().id(), List.of());
        Map<String, Integer> failedCount = new LinkedHashMap<>();
        Map<String, String> failedType = new HashMap<>();
        Map<String, Boolean> laterOk = new HashMap<>();
        for (Selected k : kids) {
            String name = short_(k);
            if (k.span().isError()) {
                failedCount.merge(name, 1, Integer::sum);
                failedType.putIfAbsent(name, k.span().error().simpleType());
                laterOk.put(name, false);
            } else if (failedCount.containsKey(name)) {
                laterOk.put(name, true);
            }
        }
        failedCount.forEach((name, count) -> out.add("`" + name + "` failed " + times(count) + " with "
                + failedType.get(name) + (laterOk.get(name) ? " and was retried successfully" : "")));
        if (depth < MAX_DEPTH) {
            kids.forEach(k -> collectFailures(k, out, depth + 1));
        }
    }

    private void tree(Selected s, int depth, String note, List<String> out) {
        if (lines >= MAX_LINES_PER_TRACE) {
            return;
        }
        lines++;
        String indent = "  ".repeat(depth);
        StringBuilder b = new StringBuilder(indent).append("- ");
        if (note != null) {
            b.append(note).append(": ");
        }
        b.append(phrase(s)).append(", ").append(Durations.human(s.span().dur()));
        if (s.span().isError()) {
            b.append(", **failed** with ").append(s.span().error().simpleType());
            if (s.span().error().message() != null) {
                b.append(": ").append(oneLine(s.span().error().message(), 160));
            }
        }
        String where = s.method().sourceLocation();
        if (where != null) {
            b.append(" — ").append(where);
        }
        if (s.span().isError() && s.span().error().topFrame() != null) {
            String top = s.span().error().topFrame();
            b.append(", thrown at ").append(Sources.fileLine(top));
            String own = s.span().error().frameOf(s.method());
            if (own != null && !own.equals(top)) {
                b.append(" (in the traced method at ").append(Sources.fileLine(own)).append(')');
            }
        }
        if (s.argPreview() != null && (depth == 0 || s.method().kind().equals("tool") || s.span().isError())) {
            b.append(" — args: `").append(s.argPreview().replace('`', '\'')).append('`');
        }
        out.add(b.toString());
        if (depth >= MAX_DEPTH) {
            return;
        }
        List<Selected> kids = children.getOrDefault(s.span().id(), List.of());
        Set<String> failedBefore = new HashSet<>();
        for (List<Selected> step : steps(kids)) {
            boolean parallel = step.size() > 1;
            if (parallel && lines < MAX_LINES_PER_TRACE) {
                lines++;
                List<String> threads = new ArrayList<>();
                step.forEach(k -> threads.add(k.span().thread()));
                out.add(indent + "  - in parallel (" + step.size() + " calls on " + and(distinctInOrder(threads))
                        + "):");
            }
            for (Selected k : step) {
                String name = short_(k);
                String kidNote = failedBefore.contains(name) ? "retried" : null;
                if (k.span().isError()) {
                    failedBefore.add(name);
                }
                tree(k, depth + (parallel ? 2 : 1), kidNote, out);
            }
        }
    }

    /** Children grouped into steps: consecutive calls that overlap in time form one (parallel) step. */
    private static List<List<Selected>> steps(List<Selected> kids) {
        List<List<Selected>> steps = new ArrayList<>();
        List<Selected> current = null;
        long currentEnd = Long.MIN_VALUE;
        for (Selected k : kids) {
            if (current != null && k.span().start() < currentEnd) {
                current.add(k);
            } else {
                current = new ArrayList<>();
                current.add(k);
                steps.add(current);
            }
            currentEnd = Math.max(currentEnd, k.span().end());
        }
        return steps;
    }

    /** What a call did, in a few words: "asked gpt-4o (339 in / 45 out tokens)", "ran tool `calculator`". */
    private static String phrase(Selected s) {
        Span span = s.span();
        MethodInfo m = s.method();
        String kind = m.kind();
        if ("llm".equals(kind)) {
            String model = GenAi.model(span.attrs());
            Long in = span.attrs().longValue(GenAi.INPUT_TOKENS);
            Long out = span.attrs().longValue(GenAi.OUTPUT_TOKENS);
            String tokens = in == null && out == null ? ""
                    : " (" + (in == null ? "?" : in) + " in / " + (out == null ? "?" : out) + " out tokens)";
            return "asked " + (model == null ? "an LLM" : model) + " through `" + m.displayName() + "`" + tokens;
        }
        String label = "`" + name(s) + "`";
        return switch (kind) {
            case "tool" -> "ran tool " + label;
            case "agent" -> "ran agent " + label;
            case "retrieval" -> "retrieved with " + label;
            default -> "called " + label;
        };
    }

    private static String name(Selected s) {
        return CallNames.label(s.method(), s.span().attrs());
    }

    /** The tool, agent or model name when the span has one, else {@code Class.method}. */
    private static String short_(Selected s) {
        String genAi = CallNames.genAiName(s.span().attrs());
        if (genAi != null) {
            return genAi;
        }
        if ("llm".equals(s.method().kind()) && GenAi.model(s.span().attrs()) != null) {
            return GenAi.model(s.span().attrs());
        }
        return s.method().displayName();
    }

    /** Equal phrases in a row as one: "ran tool `x`, then ran tool `x`" becomes "ran tool `x` twice". */
    private static List<String> collapse(List<String> phrases) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < phrases.size()) {
            int j = i;
            while (j + 1 < phrases.size() && phrases.get(j + 1).equals(phrases.get(i))) {
                j++;
            }
            int n = j - i + 1;
            out.add(n == 1 ? phrases.get(i) : phrases.get(i) + " " + (n == 2 ? "twice" : n + " times"));
            i = j + 1;
        }
        return out;
    }

    private static List<String> distinctInOrder(List<String> in) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(in));
    }

    private static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    static String oneLine(String text, int max) {
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }
}
