package dev.agentdbg.runtime.debug;

/**
 * One thing {@code /api/edit} may change at a pause, as {@code /api/state} and the {@code paused} event list it:
 * {@code target} is {@code body}, {@code result} or {@code args[<n>]}; {@code format} is {@code json} or
 * {@code text}; {@code text} is the current value (redacted when shown). {@code why} is null when it can be
 * edited, else the reason it cannot (then format and text may be null).
 */
public record Editable(String target, String format, String text, String why) {
    /** Something that can be edited. */
    public static Editable of(String target, String format, String text) {
        return new Editable(target, format, text, null);
    }

    /** Something shown as not editable, with the reason. */
    public static Editable not(String target, String why) {
        return new Editable(target, null, null, why);
    }

    public boolean editable() {
        return why == null;
    }

    /**
     * Says what can be edited at a pause: filled in by edit-and-continue ({@link DebugSession#useEditables}).
     * Called on the paused thread (the {@code paused} event) and on the server's threads ({@code /api/state});
     * must not block, never call application code, and return quickly.
     */
    @FunctionalInterface
    public interface Source {
        Source NONE = pause -> java.util.List.of();

        java.util.List<Editable> at(PauseBoard.Pause pause);
    }
}
