package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.DebugEdits;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.capture.Redactor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user may change at one pause, and what they changed. Made on the paused thread before it
 * parks; {@link #propose} runs on the server thread; {@link #apply} on the paused thread once it is
 * released. Shown texts are redacted like the trace, and a value whose shown form was redacted is not
 * editable: an edit must never write "[REDACTED]" into the program. The texts shown and the edits held
 * count against the one memory budget until the pause ends. No lock: the paused thread and the server
 * thread meet in one atomic reference, which the end of the pause closes.
 */
public final class Edits {
    /**
     * One entry of a pause's {@code editable} list: {@code target} ({@code body}, {@code result}, {@code args[0]}),
     * {@code format} ({@code json} or {@code text}) and the current {@code text}, redacted; or, when
     * {@code editable} is false, {@code why} (and the text when there is one to show).
     */
    public record Editable(String target, String format, String text, boolean editable, String why) {
    }

    /** Why {@link #propose} refused: {@code status} 400 (the text does not fit) or 409 (nothing to edit there). */
    public record Refusal(int status, String message) {
    }

    private record Slot(Editable shown, String declared, int index, EditableBody body) {
    }

    /** What {@link #proposed} holds once the pause has ended: no more edits. */
    private static final Map<String, Object[]> CLOSED = java.util.Collections.unmodifiableMap(new LinkedHashMap<>());

    private final Map<String, Slot> slots = new LinkedHashMap<>(); // filled before the pause is published
    /** target -> {text, value}; replaced whole (copy on write), {@link #CLOSED} when the pause is over. */
    private final java.util.concurrent.atomic.AtomicReference<Map<String, Object[]>> proposed =
            new java.util.concurrent.atomic.AtomicReference<>(new LinkedHashMap<>());
    /** Bytes reserved in the memory budget for the texts shown and the edits held; given back by {@link #release}. */
    private final java.util.concurrent.atomic.AtomicLong reserved = new java.util.concurrent.atomic.AtomicLong();

    private Edits() {
    }

    /**
     * What can be edited at this pause, or null when nothing is listed: entry arguments and exit results
     * of methods that carry the edit advice ({@link DebugEdits}), and a held LLM response body.
     */
    static Edits forCall(int at, MethodInfo method, Object live, Throwable thrown) {
        if (live instanceof EditableBody body) {
            Edits e = new Edits();
            e.addBody(body);
            return e;
        }
        int parts = method == null ? 0 : DebugEdits.editable(method.id());
        if (at == PauseGate.AT_ENTER && (parts & DebugEdits.ARGS) != 0 && live instanceof Object[] args) {
            Edits e = new Edits();
            List<String> types = EditValues.parameterTypes(method.descriptor());
            for (int i = 0; i < args.length; i++) {
                e.addValue("args[" + i + "]", args[i], i < types.size() ? types.get(i) : null, i);
            }
            return e;
        }
        if (at == PauseGate.AT_EXIT && (parts & DebugEdits.RESULT) != 0) {
            Edits e = new Edits();
            if (thrown != null) {
                e.slots.put("result", new Slot(new Editable("result", null, null, false,
                        "the call threw " + thrown.getClass().getName() + "; there is no result to edit"), null, -1, null));
            } else {
                e.addValue("result", live, EditValues.returnType(method.descriptor()), -1);
            }
            return e;
        }
        return null;
    }

    private void addValue(String target, Object value, String declared, int index) {
        EditValues.Shown shown = EditValues.show(value, declared);
        Editable editable;
        if (shown.why() != null) {
            editable = new Editable(target, null, null, false, shown.why());
        } else {
            editable = checked(target, shown.format(), shown.text());
        }
        slots.put(target, new Slot(budgeted(editable), declared, index, null));
    }

    private void addBody(EditableBody body) {
        byte[] bytes = body.body();
        String text = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        String why = body.notEditable();
        Editable editable = why != null
                ? new Editable("body", "text", text == null ? null : shortened(Redactor.current().mask(text)), false, why)
                : checked("body", body.json() ? "json" : "text", text);
        slots.put("body", new Slot(budgeted(editable), null, -1, body));
    }

    /** {@code e} with its text reserved in the memory budget; without room, shown as not editable and without text. */
    private Editable budgeted(Editable e) {
        if (e.text() == null || reserve(e.text())) {
            return e;
        }
        return new Editable(e.target(), e.format(), null, false,
                "the agent's memory budget (agentdbg.memory.max) has no room to show it");
    }

    /** @return false when the budget has no room for {@code text} (nothing reserved then) */
    private boolean reserve(String text) {
        long bytes = 2L * text.length() + 64; // UTF-16 chars plus the String's own header
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null && !budget.tryReserve(bytes)) {
            return false;
        }
        reserved.addAndGet(bytes);
        return true;
    }

    /** The redacted text, editable unless redaction changed it or it is too long. */
    private static Editable checked(String target, String format, String text) {
        String masked = Redactor.current().mask(text);
        if (text != null && !text.equals(masked)) {
            return new Editable(target, format, shortened(masked), false,
                    "it holds redacted text: editing it would write [REDACTED] into the program");
        }
        if (text != null && text.length() > EditValues.MAX_CHARS) {
            return new Editable(target, format, shortened(masked), false,
                    "it is longer than " + EditValues.MAX_CHARS + " characters");
        }
        return new Editable(target, format, masked, true, null);
    }

    private static String shortened(String text) {
        return text == null || text.length() <= EditValues.MAX_CHARS ? text
                : text.substring(0, EditValues.MAX_CHARS) + "…(cut)";
    }

    /** The list the page shows, in target order. */
    public List<Editable> editables() {
        List<Editable> list = new ArrayList<>();
        for (Slot s : slots.values()) {
            list.add(s.shown());
        }
        return list;
    }

    /**
     * Checks {@code text} for {@code target} and keeps it until the thread is resumed (a later edit of the
     * same target replaces it). @return null when accepted
     */
    public Refusal propose(String target, String text) {
        if (proposed.get() == CLOSED) {
            return notPaused();
        }
        Slot slot = slots.get(target);
        if (slot == null) {
            return new Refusal(409, "nothing named " + target + " can be edited at this pause"
                    + (slots.isEmpty() ? "" : " (it has: " + String.join(", ", slots.keySet()) + ")"));
        }
        if (!slot.shown().editable()) {
            return new Refusal(409, target + " cannot be edited: " + slot.shown().why());
        }
        if (text == null) {
            return new Refusal(400, "the edit has no text");
        }
        Object value;
        try {
            if (slot.body() != null) {
                if ("json".equals(slot.shown().format())) {
                    EditValues.parse("json", text, "java.lang.Object"); // must still be a JSON document
                }
                value = text.getBytes(StandardCharsets.UTF_8);
            } else {
                value = EditValues.parse(slot.shown().format(), text, slot.declared());
            }
        } catch (IllegalArgumentException e) {
            return new Refusal(400, target + ": " + e.getMessage());
        }
        // The text and the value built from it wait for the release: counted twice, roughly.
        if (!reserve(text) || !reserve(text)) {
            return new Refusal(409, target + ": the agent's memory budget (agentdbg.memory.max) has no room for this edit");
        }
        while (true) {
            Map<String, Object[]> now = proposed.get();
            if (now == CLOSED) {
                release(); // the pause ended meanwhile: what was just reserved goes back too
                return notPaused();
            }
            Map<String, Object[]> next = new LinkedHashMap<>(now);
            next.put(target, new Object[] {text, value});
            if (proposed.compareAndSet(now, next)) {
                return null;
            }
        }
    }

    private static Refusal notPaused() {
        return new Refusal(409, "the thread is not paused any more");
    }

    /**
     * On the released thread: hands the accepted edits to the program (the edit advice, or the held body)
     * and reports each one. Later proposals are refused.
     */
    void apply(long traceHi, long traceLo, long spanId, int argCount, DebugEvents events) {
        Map<String, Object[]> taken = proposed.getAndSet(CLOSED);
        release();
        for (Map.Entry<String, Object[]> e : taken.entrySet()) {
            Slot slot = slots.get(e.getKey());
            Object value = e.getValue()[1];
            if (slot.body() != null) {
                slot.body().replace((byte[]) value);
            } else if (slot.index() >= 0) {
                DebugEdits.handArg(spanId, slot.index(), argCount, value);
            } else {
                DebugEdits.handResult(spanId, value);
            }
            try {
                events.edited(traceHi, traceLo, spanId, e.getKey(), slot.shown().text(),
                        Redactor.current().mask((String) e.getValue()[0]));
            } catch (Throwable ignored) {
                // reporting must never keep the edit from the program
            }
        }
    }

    /**
     * Gives the reserved bytes back: the pause is over, the program holds (or dropped) the values. Also
     * called when a pause ends without {@link #apply} (a fault), so nothing stays reserved.
     */
    void release() {
        proposed.set(CLOSED);
        long bytes = reserved.getAndSet(0);
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null && bytes > 0) {
            budget.release(bytes);
        }
    }
}
