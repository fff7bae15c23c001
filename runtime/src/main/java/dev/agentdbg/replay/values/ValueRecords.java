package dev.agentdbg.replay.values;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.SideRecords;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Record mode for tools and every other non-LLM rule: what each call returned or threw, at full
 * fidelity ({@link ValueCodec}), as a {@code value} record joined to the call's span. The arguments
 * are snapshot when the call starts and the value encoded when it ends, both on the application
 * thread (either may change afterwards); text and base64 are made by the drainer.
 */
public final class ValueRecords {
    private static volatile CaptureSettings argSettings = CaptureSettings.defaults();
    /** Per method id: calls numbered in the order they started. */
    private static final ConcurrentHashMap<Integer, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** Per thread: span ids of the recorded calls open on it, innermost last ([0] holds the count). */
    private static final ThreadLocal<long[]> OPEN = ThreadLocal.withInitial(() -> new long[9]);

    private ValueRecords() {
    }

    /** The capture settings the arguments are rendered with (depth, lengths, secret names). */
    public static void configure(CaptureSettings settings) {
        if (settings != null) {
            argSettings = settings;
        }
    }

    static CaptureSettings argSettings() {
        return argSettings;
    }

    /** What a call in progress will be recorded with. */
    static final class Pending {
        final MethodInfo method;
        final long span;
        final long within;
        final int call;
        final Object[] args;
        final long argBytes;

        Pending(MethodInfo method, long span, long within, int call, Object[] args, long argBytes) {
            this.method = method;
            this.span = span;
            this.within = within;
            this.call = call;
            this.args = args;
            this.argBytes = argBytes;
        }
    }

    /**
     * At the start of a call (inside its span): numbers it and takes its arguments.
     *
     * @return what {@link #exit} needs, or null when this call is not recorded (not recording, not traced)
     */
    public static Object enter(int methodId, Object[] args) {
        try {
            if (!ReplayMode.recording()) {
                return null;
            }
            MethodRegistry registry = CallCapture.registry();
            MethodInfo info = registry == null ? null : registry.get(methodId & MethodInfo.ID_MASK);
            long span = OpenSpans.innermost();
            if (info == null || span == 0) {
                return null;
            }
            long[] open = OPEN.get();
            int depth = (int) open[0];
            long within = depth > 0 ? open[depth] : 0;
            if (within == span) {
                return null; // no span of its own: a call of the same tool rule inside it, which is that one call
            }
            dev.agentdbg.capture.Walk walk = new dev.agentdbg.capture.Walk(argSettings);
            Object[] snapshots = args == null ? new Object[0] : walk.snapshotArgs(args, -1);
            int call = CALLS.computeIfAbsent(info.id(), k -> new AtomicInteger()).incrementAndGet();
            if (depth + 1 >= open.length) {
                open = java.util.Arrays.copyOf(open, open.length * 2);
                OPEN.set(open);
            }
            open[depth + 1] = span;
            open[0] = depth + 1;
            return new Pending(info, span, within, call, snapshots, walk.retainedBytes());
        } catch (Throwable t) {
            AgentCounters.internalError("value-record", t);
            return null;
        }
    }

    /** At the end of a call: encodes its value or exception and hands the record to the drainer. */
    public static void exit(Object pending, Object result, Throwable thrown) {
        if (!(pending instanceof Pending p)) {
            return;
        }
        try {
            long[] open = OPEN.get();
            if (open[0] > 0) {
                open[0]--;
            }
            boolean isVoid = thrown == null && p.method.descriptor().endsWith(")V");
            ValueCodec.Encoded encoded = ValueCodec.encode(result, thrown, ReplayMode.settings().recordMaxBytes());
            SideRecords.offer(new ValueRecord(p, encoded, thrown != null, isVoid));
        } catch (Throwable t) {
            AgentCounters.internalError("value-record", t);
        }
    }

    /** For tests: calls are numbered from 1 again. */
    static void reset() {
        CALLS.clear();
    }
}
