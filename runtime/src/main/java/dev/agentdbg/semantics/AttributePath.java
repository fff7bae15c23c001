package dev.agentdbg.semantics;

import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.ListSnapshot;
import dev.agentdbg.capture.MapSnapshot;
import dev.agentdbg.capture.ObjectSnapshot;
import dev.agentdbg.capture.Ref;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a captured call, e.g. {@code result.usage.prompt_tokens}, {@code args[0].model},
 * {@code result.choices[*].finish_reason}, or a quoted literal such as {@code 'embeddings'}.
 * Segments name fields or map keys; {@code [n]} indexes a list, {@code [*]} (or a name applied
 * to a list) takes every element. Alternatives separated by {@code |} are tried in order, the
 * first that has a value wins ({@code args[0].model.string | args[0].model.value}).
 */
public final class AttributePath {
    private static final Object ALL = new Object();

    private final String text;
    private final String literal;
    /** Segment values: String (name), Integer (index) or {@link #ALL}. The first is the root. */
    private final List<Object> segments;
    /** The next alternative, or null. */
    private final AttributePath orElse;

    private AttributePath(String text, String literal, List<Object> segments, AttributePath orElse) {
        this.text = text;
        this.literal = literal;
        this.segments = segments;
        this.orElse = orElse;
    }

    /** @throws IllegalArgumentException naming what is wrong with the path */
    public static AttributePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("attribute path is empty");
        }
        int bar = text.indexOf('|');
        if (bar >= 0) {
            AttributePath first = parse(text.substring(0, bar));
            return new AttributePath(first.text, first.literal, first.segments, parse(text.substring(bar + 1)));
        }
        String t = text.trim();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return new AttributePath(t, t.substring(1, t.length() - 1), List.of(), null);
        }
        List<Object> segments = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                if (i == 0 || i == t.length() - 1) {
                    throw new IllegalArgumentException("attribute path '" + t + "' has an empty segment");
                }
                i++;
                continue;
            }
            if (c == '[') {
                int close = t.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("attribute path '" + t + "' has '[' without ']'");
                }
                String index = t.substring(i + 1, close).trim();
                if (index.equals("*")) {
                    segments.add(ALL);
                } else {
                    try {
                        segments.add(Integer.parseInt(index));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("attribute path '" + t + "': [" + index
                                + "] is not an index (a number or *)");
                    }
                }
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < t.length() && t.charAt(end) != '.' && t.charAt(end) != '[') {
                end++;
            }
            segments.add(t.substring(i, end));
            i = end;
        }
        Object root = segments.isEmpty() ? null : segments.get(0);
        boolean argsRoot = "args".equals(root) && segments.size() > 1 && segments.get(1) instanceof Integer;
        if ("this".equals(root) && (segments.size() < 2 || !segments.stream().allMatch(x -> x instanceof String))) {
            throw new IllegalArgumentException("attribute path '" + t + "' on this must name fields only "
                    + "(this.field.field)");
        }
        if (!argsRoot && !"result".equals(root) && !"this".equals(root)) {
            throw new IllegalArgumentException("attribute path '" + t + "' must start with args[<n>], result or this "
                    + "(or be a quoted literal such as 'chat')");
        }
        return new AttributePath(t, null, List.copyOf(segments), null);
    }

    /** A path whose value is always {@code value} (taken as it is: no {@code |} alternatives, no quotes). */
    public static AttributePath literal(String value) {
        return new AttributePath("'" + value + "'", value, List.of(), null);
    }

    /** The value of a path that is a constant ({@link #literal}, or a quoted literal), else null. */
    public String literalValue() {
        return orElse == null ? literal : null;
    }

    /** The value at this path in {@code call}: a leaf, a list of leaves for [*], or null. */
    public Object evaluate(CapturedCall call) {
        Object value = evaluateThis(call);
        return value == null && orElse != null ? orElse.evaluate(call) : value;
    }

    private Object evaluateThis(CapturedCall call) {
        if (literal != null) {
            return literal;
        }
        Object current;
        int next;
        if ("this".equals(segments.get(0))) {
            return receiverValue(call);
        }
        if ("args".equals(segments.get(0))) {
            int index = (Integer) segments.get(1);
            current = call.args != null && index < call.args.length ? call.args[index] : null;
            next = 2;
        } else {
            current = call.hasResult ? call.result : null;
            next = 1;
        }
        return walk(current, next);
    }

    /** Receiver paths are read on the application thread when the call starts (see CaptureSpec). */
    private Object receiverValue(CapturedCall call) {
        if (call.receiverPaths == null) {
            return null;
        }
        for (int i = 0; i < call.receiverPaths.length; i++) {
            if (call.receiverPaths[i].equals(text)) {
                return deref(call.receiverValues[i]);
            }
        }
        return null;
    }

    /** Whether this path (or one of its alternatives) reads the receiver: the texts to read there. */
    public java.util.List<String> receiverPaths() {
        java.util.List<String> paths = new ArrayList<>();
        for (AttributePath p = this; p != null; p = p.orElse) {
            if (p.literal == null && "this".equals(p.segments.get(0))) {
                paths.add(p.text);
            }
        }
        return paths;
    }

    private Object walk(Object value, int from) {
        Object current = value;
        for (int i = from; i < segments.size() && current != null; i++) {
            current = deref(current);
            Object segment = segments.get(i);
            if (current instanceof ListSnapshot && !(segment instanceof Integer)) {
                List<Object> all = new ArrayList<>();
                int rest = segment == ALL ? i + 1 : i;
                for (Object element : ((ListSnapshot) current).elements) {
                    Object v = walk(element, rest);
                    if (v instanceof List) {
                        all.addAll((List<?>) v);
                    } else if (v != null) {
                        all.add(v);
                    }
                }
                return all.isEmpty() ? null : all;
            }
            current = step(current, segment);
        }
        return deref(current);
    }

    private static Object step(Object value, Object segment) {
        if (segment instanceof Integer) {
            int index = (Integer) segment;
            if (value instanceof ListSnapshot) {
                List<Object> elements = ((ListSnapshot) value).elements;
                return index < elements.size() ? elements.get(index) : null;
            }
            return null;
        }
        if (value instanceof ObjectSnapshot) {
            return ((ObjectSnapshot) value).fields.get(segment);
        }
        if (value instanceof MapSnapshot) {
            return ((MapSnapshot) value).entries.get(segment);
        }
        return null;
    }

    static Object deref(Object value) {
        return value instanceof Ref ? ((Ref) value).target : value;
    }

    @Override
    public String toString() {
        return orElse == null ? text : text + " | " + orElse;
    }
}
