package dev.agentdbg.replay.values;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.bootstrap.SuspendedSpans;
import dev.agentdbg.replay.ReplayEvents;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Replay mode for tools and the other non-LLM rules that {@code agentdbg.replay.kinds} selects: the
 * advice asks {@link #serve} at the start of each call, which matches the call to a recorded one
 * (per method, in recorded order, or by its arguments' text with {@code match=content}) and hands
 * back the rebuilt value or exception; the method body is then skipped. A call that differs from the
 * recorded one is reported (and fails with {@code strict=true}); one beyond the recording fails, or
 * runs for real with {@code onMissing=live}. Lock-free: each recorded value is claimed with a CAS.
 */
public final class ValueReplay {
    private static final AtomicBoolean PLAN_SOURCE = new AtomicBoolean();
    private static volatile Map<String, Calls> calls = Map.of();
    private static volatile List<ReplayPlan.Entry> plan = List.of();
    private static final ConcurrentHashMap<Integer, Class<?>> RETURN_TYPES = new ConcurrentHashMap<>();

    private ValueReplay() {
    }

    /** The recorded values of one method still to serve, and its calls numbered as they come. */
    private static final class Calls {
        final List<RecordedValue> values;
        final AtomicIntegerArray used;
        final AtomicInteger asked = new AtomicInteger();

        Calls(List<RecordedValue> values) {
            this.values = values;
            this.used = new AtomicIntegerArray(values.size());
        }
    }

    /**
     * What a served call returns or throws instead of running: the advice skips the method body when
     * {@link #serve} hands back one of these (public: the check is inlined into application classes).
     */
    public record Served(Object value, Throwable thrown) {
    }

    /** A replayed method's call that runs for real; its span is open until {@link #finished}. */
    private record Live(long span) {
    }

    /** Per thread: spans of replayed methods' calls running for real, innermost last ([0] holds the count). */
    private static final ThreadLocal<long[]> LIVE = ThreadLocal.withInitial(() -> new long[9]);

    /**
     * At start-up in replay mode: the recording's values by method and their lines in the pre-flight.
     * A value recorded inside another replayed call is left out: that call's body does not run.
     */
    public static void install(ReplayStore store, ReplaySettings settings) {
        List<RecordedValue> all = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ObjectNode r : store.values()) {
            RecordedValue v = RecordedValue.of(r);
            int nth = seen.merge(v.key(), 1, Integer::sum);
            all.add(v.call() > 0 ? v : v.numbered(nth)); // a record without a number: its place in the file
        }
        Map<String, RecordedValue> bySpan = new HashMap<>();
        for (RecordedValue v : all) {
            bySpan.put(v.span(), v);
        }
        Map<String, List<RecordedValue>> byKey = new LinkedHashMap<>();
        Map<String, Integer> inside = new HashMap<>();
        for (RecordedValue v : all) {
            byKey.computeIfAbsent(v.key(), k -> new ArrayList<>());
            if (insideReplayedCall(v, bySpan, settings)) {
                inside.merge(v.key(), 1, Integer::sum);
            } else {
                byKey.get(v.key()).add(v);
            }
        }
        Map<String, Calls> next = new HashMap<>();
        List<ReplayPlan.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<RecordedValue>> e : byKey.entrySet()) {
            List<RecordedValue> values = e.getValue();
            values.sort(Comparator.comparingInt(RecordedValue::call));
            next.put(e.getKey(), new Calls(values));
            entries.add(planEntry(e.getKey(), values, inside.getOrDefault(e.getKey(), 0), all, settings));
        }
        calls = next;
        plan = List.copyOf(entries);
        RETURN_TYPES.clear();
        if (PLAN_SOURCE.compareAndSet(false, true)) {
            ReplayPlan.addSource(() -> plan);
        }
    }

    private static boolean replayed(String kind, String rule, ReplaySettings settings) {
        return !"llm".equals(kind) && !"callback".equals(kind) && settings.replays(kind, rule);
    }

    private static boolean insideReplayedCall(RecordedValue v, Map<String, RecordedValue> bySpan, ReplaySettings s) {
        String within = v.within();
        for (int hops = 0; within != null && hops < 256; hops++) {
            RecordedValue outer = bySpan.get(within);
            if (outer == null) {
                return false;
            }
            if (replayed(outer.kind(), outer.rule(), s)) {
                return true;
            }
            within = outer.within();
        }
        return false;
    }

    private static ReplayPlan.Entry planEntry(String key, List<RecordedValue> values, int inside,
                                              List<RecordedValue> all, ReplaySettings settings) {
        RecordedValue any = values.isEmpty() ? all.stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow()
                : values.get(0);
        List<String> reasons = new ArrayList<>();
        int servable = 0;
        for (RecordedValue v : values) {
            if (v.unservable() != null) {
                reasons.add("call " + v.call() + ": " + v.unservable());
            } else {
                servable++;
            }
        }
        String note = null;
        int served = servable;
        if (!replayed(any.kind(), any.rule(), settings)) {
            served = 0;
            reasons.clear();
            note = "runs live: agentdbg.replay.kinds=" + String.join(",", new java.util.TreeSet<>(settings.kinds()));
        } else if (inside > 0) {
            note = inside + " more recorded inside replayed calls, not needed";
        }
        return new ReplayPlan.Entry(any.kind(), key, values.size() + inside, served, note, List.copyOf(reasons));
    }

    /** The pre-flight lines of the values (also in the run record); empty before {@link #install}. */
    public static List<ReplayPlan.Entry> plan() {
        return plan;
    }

    /**
     * At the start of a replayed call, inside its span.
     *
     * @param origin the class whose method is called: its loader resolves the value's classes
     * @return a {@link Served} to return or throw instead of running the method; anything else runs
     *         it for real (not replaying, a call of the same tool rule inside a call that runs for real,
     *         or beyond the recording with {@code onMissing=live}), to be handed to {@link #finished}
     */
    public static Object serve(int methodId, Object[] args, Class<?> origin) {
        try {
            ReplaySettings settings = ReplayMode.settings();
            MethodRegistry registry = CallCapture.registry();
            MethodInfo info = registry == null ? null : registry.get(methodId & MethodInfo.ID_MASK);
            if (!settings.replaying() || info == null) {
                return null;
            }
            long span = OpenSpans.innermost();
            long[] running = LIVE.get();
            if (running[0] > 0 && running[(int) running[0]] == span) {
                return null; // no span of its own: part of the enclosing call of its rule, which runs for real
            }
            String key = MethodInfo.key(info.className(), info.methodName(), info.descriptor());
            Calls c = calls.get(key);
            Calls mine = c != null ? c : new Calls(List.of());
            int call = mine.asked.incrementAndGet();
            String live = ArgsText.of(args, ValueRecords.argSettings());
            RecordedValue match = pick(mine, live, settings.matchContent());
            String runId = ReplayMode.store().runId();
            if (match == null) {
                if (settings.onMissingLive()) {
                    return live(span);
                }
                return fail(exhausted(key, mine.values.size(), call, runId));
            }
            if (match.args() != null && !match.args().equals(live)) {
                String diff = ArgsText.difference(match.args(), live);
                ReplayEvents.diverged(span, call, info.kind(), key, diff);
                if (settings.strict()) {
                    return fail("agentdbg replay (strict): " + info.kind() + " call " + call + " of " + key
                            + " differs from recorded call " + match.call() + " of run " + runId + ":\n" + diff);
                }
            }
            if (match.unservable() != null) {
                return settings.onMissingLive() ? live(span) : fail("agentdbg replay: " + info.kind() + " call " + call
                        + " of " + key + " matches recorded call " + match.call() + " of run " + runId
                        + ", which cannot be served: " + match.unservable());
            }
            ValueCodec.Decoded d;
            boolean previous = SuspendedSpans.suspend();
            try {
                d = ValueCodec.decode(match.kryo(), origin == null ? null : origin.getClassLoader());
            } catch (ValueDecodeException e) {
                return settings.onMissingLive() ? live(span) : fail("agentdbg replay: recorded call " + match.call()
                        + " of " + key + " (run " + runId + ") cannot be rebuilt here: " + e.getMessage());
            } finally {
                SuspendedSpans.restore(previous);
            }
            if (!d.threw()) {
                String misfit = misfit(info, origin, d.value());
                if (misfit != null) {
                    return fail("agentdbg replay: recorded call " + match.call() + " of " + key + " returned "
                            + misfit);
                }
            }
            ReplayEvents.served(span, call, info.kind(), key, "recording");
            return new Served(d.value(), d.thrown());
        } catch (Throwable t) {
            AgentCounters.internalError("value-replay", t);
            return null;
        }
    }

    private static Live live(long span) {
        long[] open = LIVE.get();
        int depth = (int) open[0];
        if (depth + 1 >= open.length) {
            open = java.util.Arrays.copyOf(open, open.length * 2);
            LIVE.set(open);
        }
        open[depth + 1] = span;
        open[0] = depth + 1;
        return new Live(span);
    }

    /** At the end of a replayed method's call that ran for real (what {@link #serve} returned). */
    public static void finished(Object token) {
        if (token instanceof Live) {
            long[] open = LIVE.get();
            if (open[0] > 0) {
                open[0]--;
            }
        }
    }

    /** The served value, for the advice to return; null when {@code served} is no served call. */
    public static Object value(Object served) {
        return served instanceof Served s ? s.value() : null;
    }

    /** The served exception, for the advice to throw; null when the call returns. */
    public static Throwable thrown(Object served) {
        return served instanceof Served s ? s.thrown() : null;
    }

    private static Served fail(String message) {
        return new Served(null, new ReplayException(message));
    }

    private static String exhausted(String key, int recorded, int call, String runId) {
        if (runId == null) {
            return "agentdbg replay: call " + call + " of " + key + " cannot be served: no recording was loaded";
        }
        return "agentdbg replay: call " + call + " of " + key + " asked for recorded value " + call + ", but run "
                + runId + " recorded " + recorded + (recorded == 1 ? " call" : " calls") + " of it"
                + "; set agentdbg.replay.onMissing=live to run the method for real beyond the recording";
    }

    /** The recorded call that answers this one, claimed; null when none is left. */
    private static RecordedValue pick(Calls c, String live, boolean byContent) {
        if (byContent) {
            for (int i = 0; i < c.used.length(); i++) {
                if (c.used.get(i) == 0 && live.equals(c.values.get(i).args()) && c.used.compareAndSet(i, 0, 1)) {
                    return c.values.get(i);
                }
            }
        }
        for (int i = 0; i < c.used.length(); i++) {
            if (c.used.compareAndSet(i, 0, 1)) {
                return c.values.get(i);
            }
        }
        return null;
    }

    /** Why {@code value} cannot be returned by the method (its return type changed), or null when it can. */
    private static String misfit(MethodInfo info, Class<?> origin, Object value) {
        String desc = info.descriptor();
        String ret = desc.substring(desc.indexOf(')') + 1);
        if (ret.equals("V")) {
            return null;
        }
        Class<?> type = RETURN_TYPES.computeIfAbsent(info.id(), k -> returnType(ret, origin));
        if (type == null) {
            return null; // not resolvable here: let the JVM's cast decide
        }
        if (type.isPrimitive()) {
            return value != null && box(type) == value.getClass() ? null
                    : (value == null ? "null" : value.getClass().getName()) + ", which does not fit " + type.getName();
        }
        return value == null || type.isInstance(value) ? null
                : "a " + value.getClass().getName() + ", which is not a " + type.getName();
    }

    private static Class<?> returnType(String descriptor, Class<?> origin) {
        switch (descriptor.charAt(0)) {
            case 'Z': return boolean.class;
            case 'B': return byte.class;
            case 'C': return char.class;
            case 'S': return short.class;
            case 'I': return int.class;
            case 'J': return long.class;
            case 'F': return float.class;
            case 'D': return double.class;
            default:
                String name = descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1).replace('/', '.')
                        : descriptor.replace('/', '.');
                try {
                    return Class.forName(name, false, origin == null ? null : origin.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
        }
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == int.class) return Integer.class;
        if (primitive == long.class) return Long.class;
        if (primitive == boolean.class) return Boolean.class;
        if (primitive == double.class) return Double.class;
        if (primitive == float.class) return Float.class;
        if (primitive == byte.class) return Byte.class;
        if (primitive == short.class) return Short.class;
        return Character.class;
    }

    /** For benchmarks and tests: every recorded value may be served again. */
    static void rewind() {
        for (Calls c : calls.values()) {
            for (int i = 0; i < c.used.length(); i++) {
                c.used.set(i, 0);
            }
            c.asked.set(0);
        }
    }

    /** For tests: forget what was served. */
    static void reset() {
        calls = Map.of();
        plan = List.of();
    }
}
