package dev.agentdbg.bootstrap;

/**
 * What is open on the calling thread's span stack, for record and replay: which span an HTTP
 * exchange or a recorded value belongs to. Off the hot path: only record/replay code calls it.
 */
public final class OpenSpans {
    private OpenSpans() {
    }

    /** The innermost open span's id on this thread; 0 when none is open or nothing is being traced. */
    public static long innermost() {
        if (Spans.rings == null) {
            return 0;
        }
        ThreadState s = Spans.STATE.get();
        int d = s.depth;
        return d > 0 ? s.spanIds[d - 1] : 0;
    }

    /**
     * The id of the innermost open span of {@code kind} ({@code llm}, {@code tool}, ...) on this
     * thread; 0 when there is none. A frame that stands for another thread's span counts as that
     * span: an SDK that sends its request from a pool thread (openai-java's async client composes it
     * with {@code thenComposeAsync}) still sends it for the llm call that handed the work over.
     */
    public static long innermostOfKind(String kind) {
        MethodRegistry registry = CallCapture.registry();
        if (Spans.rings == null || registry == null) {
            return 0;
        }
        ThreadState s = Spans.STATE.get();
        for (int d = s.depth - 1; d >= 0; d--) {
            int id = s.methodIdAt(d);
            if (id == 0) {
                continue; // another thread's span of unknown method
            }
            MethodInfo info = registry.get(id & MethodInfo.ID_MASK);
            if (info != null && kind.equals(info.kind())) {
                return s.spanIds[d];
            }
        }
        return 0;
    }

    /** A span id as the trace writes it: 16 lower-case hex digits. */
    public static String hex(long spanId) {
        String h = Long.toHexString(spanId);
        return "0000000000000000".substring(h.length()) + h;
    }
}
