package dev.agentdbg.bootstrap;

import dev.agentdbg.capture.CaptureBudget;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.capture.CapturedCall;

import java.util.concurrent.CompletableFuture;

/**
 * The bridge for methods whose calls capture arguments and results or end later than their
 * return (streaming handlers, CompletableFutures). Same contract as {@link Spans}: never throws,
 * no lock. Capture runs with span creation suspended, so nothing it touches becomes a span.
 */
public final class CallCapture {
    private static volatile MethodRegistry methods;

    private CallCapture() {
    }

    /** The registry whose {@link MethodInfo#capture()} says what each method captures. */
    public static void useMethods(MethodRegistry registry) {
        methods = registry;
    }

    /** The registry of instrumented methods; null before the session starts. */
    public static MethodRegistry registry() {
        return methods;
    }

    private static CaptureSpec spec(int methodId) {
        MethodRegistry registry = methods;
        MethodInfo info = registry == null ? null : registry.get(methodId & MethodInfo.ID_MASK);
        return info == null ? null : info.capture();
    }

    public static int enter(Object state, int methodId, Object[] args) {
        return enter(state, methodId, args, null);
    }

    /** @param self the receiver, read for the rule's {@code this.…} attribute paths; null for static methods */
    public static int enter(Object state, int methodId, Object[] args, Object self) {
        try {
            if (state == null) {
                return 0;
            }
            ThreadState s = (ThreadState) state;
            if (s.suspended || !s.ensureRoom()) {
                return 0;
            }
            CaptureSpec spec = spec(methodId);
            if (spec != null && insideSameCall(s, methodId, spec)) {
                return 0;
            }
            CapturedCall call = null;
            // A call that may only end with a returned future needs nothing kept until it returns.
            if (spec != null && (spec.capturesArgs() || spec.capturesResult() || spec.endsOnCallback() >= 0
                    || spec.readsReceiver())) {
                s.suspended = true;
                try {
                    call = new CapturedCall(null);
                    if (CaptureBudget.admit()) {
                        call.args = spec.capturesArgs() ? spec.captureArgs(args, call) : null;
                        if (call.skipped) {
                            call.args = null; // the memory budget had no room for the snapshots
                        }
                        spec.captureReceiver(call, self);
                    } else {
                        call.skipped = true; // traced, not captured: too much is waiting to be written
                    }
                } finally {
                    s.suspended = false;
                }
                int callback = spec.endsOnCallback();
                if (callback >= 0 && args != null && callback < args.length) {
                    call.callbackKey = args[callback];
                }
            }
            int token = Spans.push(s, methodId, call, args);
            s.calls[token - 1] = call;
            if (call != null && call.callbackKey != null && PendingCalls.reserve()) {
                // Registered before the call runs: the answer may arrive on another thread before it returns.
                PendingCalls.awaitCallback(call.callbackKey, pending(s, token - 1, methodId & MethodInfo.ID_MASK, call, spec));
                call.endsByCallback = true;
            }
            return token;
        } catch (Throwable t) {
            AgentCounters.internalError("capture-enter", t);
            return 0;
        }
    }

    /**
     * Where the advice of a method captured unboxed stores its arguments' raw bits before
     * {@link #enterPrimitive}: the thread's own scratch array, never a new one.
     */
    public static long[] argumentBits(Object state) {
        if (state == null) {
            return PrimitiveValues.DISCARD;
        }
        ThreadState s = (ThreadState) state;
        PrimitiveValues p = s.primitives;
        if (p == null) {
            if (s.ring != null && !s.ring.reserveExtra(PrimitiveValues.BYTES)) {
                return PrimitiveValues.DISCARD; // the memory budget is spent: enterPrimitive traces nothing
            }
            p = s.primitives = new PrimitiveValues(); // once per thread
        }
        return p.argScratch;
    }

    /**
     * Entry of a method whose parameters and return type are all primitive (its {@link CaptureSpec}
     * has a primitive shape): the arguments, already in {@code bits} ({@link #argumentBits}), are
     * kept by depth and handed to the ring by value. Allocates nothing.
     */
    public static int enterPrimitive(Object state, int methodId, long[] bits) {
        try {
            if (state == null) {
                return 0;
            }
            ThreadState s = (ThreadState) state;
            if (s.suspended || !s.ensureRoom()) {
                return 0;
            }
            CaptureSpec spec = spec(methodId);
            int count = spec == null ? -1 : spec.primitiveArgCount();
            if (count < 0 || insideSameCall(s, methodId, spec)) {
                return 0;
            }
            PrimitiveValues p = s.primitives;
            int d = s.depth;
            if (p == null || bits != p.argScratch || !p.enter(s.ring, d, count)) {
                // the memory budget had no room for the values: the call is traced, not captured
                int token = Spans.push(s, methodId, null);
                s.calls[token - 1] = CaptureBudget.skippedCall();
                return token;
            }
            Object started = (methodId & MethodInfo.START_EVENT_FLAG) != 0 && spec.capturesArgs()
                    ? p.record(spec, d, count, false, 0) : null;
            int token = Spans.push(s, methodId, started);
            s.calls[token - 1] = null;
            return token;
        } catch (Throwable t) {
            AgentCounters.internalError("capture-enter", t);
            return 0;
        }
    }

    /** Exit of a method entered by {@link #enterPrimitive}; {@code result} holds the return value's raw bits. */
    public static void exitPrimitive(Object state, int token, long result, Throwable thrown) {
        if (token == 0) {
            return;
        }
        long end = System.nanoTime();
        try {
            ThreadState s = (ThreadState) state;
            int d = Spans.pop(s, token, thrown);
            if (d < 0) {
                return;
            }
            int methodId = s.methodIds[d] & MethodInfo.ID_MASK;
            long start = s.startNanos[d];
            CaptureSpec spec = spec(methodId);
            int count = spec == null ? -1 : spec.primitiveArgCount();
            Object detail = thrown;
            CapturedCall skipped = s.calls[d];
            if (skipped != null) { // entered without room for its values
                s.calls[d] = null;
                detail = thrown == null ? skipped : thrown;
            } else if (count >= 0) {
                PrimitiveValues p = s.primitives.record(spec, d, count, spec.capturesResult() && thrown == null, result);
                if (thrown == null) {
                    detail = p;
                } else { // rare: the exception needs a record of its own
                    CapturedCall call = spec.materialize(p.bits, count, false);
                    call.thrown = thrown;
                    detail = call;
                }
            }
            Spans.offer(s, d, s.spanIds[d], methodId, start, end - start, detail);
        } catch (Throwable t) {
            AgentCounters.internalError("capture-exit", t);
        }
    }

    public static void exit(Object state, int token, Object result, Throwable thrown) {
        if (token == 0) {
            return;
        }
        long end = System.nanoTime();
        try {
            ThreadState s = (ThreadState) state;
            // A frame the debugger will ask at its exit has its result captured first, so the exit pause
            // shows it; unmarked frames capture after the pop, as they always did.
            boolean early = PauseGate.ENABLED && Spans.marked(s, token) && captureEarly(s, token - 1, result, thrown);
            int d = Spans.pop(s, token, thrown, result);
            if (d < 0) {
                return;
            }
            CapturedCall call = s.calls[d];
            s.calls[d] = null;
            int methodId = s.methodIds[d] & MethodInfo.ID_MASK;
            long start = s.startNanos[d];
            CaptureSpec spec = spec(methodId);
            CompletableFuture<?> future = spec == null || thrown != null ? null : exactFuture(spec, result);
            if (call == null && future != null && !future.isDone()) {
                call = new CapturedCall(null);
            }
            if (spec == null || call == null) {
                Spans.offer(s, d, s.spanIds[d], methodId, start, end - start, thrown);
                return;
            }
            if (call.endsByCallback) {
                Object key = call.callbackKey;
                call.callbackKey = null;
                if (thrown == null || PendingCalls.takeForCallback(key) == null) {
                    return; // its callback ends it (or already did)
                }
                call.thrown = thrown; // failed before handing its answer to the callback
            } else if (thrown != null) {
                call.thrown = thrown;
            } else if (future != null && !future.isDone() && deferred(s, d, methodId, call, spec, future)) {
                return;
            } else if (future != null && future.isDone()) {
                endWithDoneFuture(s, call, spec, future);
            } else if (spec.capturesResult() && !early) {
                captureResult(s, call, spec, result);
            }
            call.callbackKey = null;
            Spans.offer(s, d, s.spanIds[d], methodId, start, end - start, call);
        } catch (Throwable t) {
            AgentCounters.internalError("capture-exit", t);
        }
    }

    /**
     * The result of the open frame {@code d}, captured before its exit pause (debug-marked frames only).
     * @return true when captured here: the exit after the pop must not capture it again
     */
    private static boolean captureEarly(ThreadState s, int d, Object result, Throwable thrown) {
        CapturedCall call = s.calls[d];
        if (call == null || thrown != null || call.endsByCallback) {
            return false;
        }
        CaptureSpec spec = spec(s.methodIds[d]);
        if (spec == null || !spec.capturesResult() || exactFuture(spec, result) != null) {
            return false; // a future's value is captured when it completes, as without the debugger
        }
        captureResult(s, call, spec, result);
        return true;
    }

    /** @return true when the unfinished future's completion will write the span (false: too many open calls) */
    private static boolean deferred(ThreadState s, int d, int methodId, CapturedCall call, CaptureSpec spec,
                                    CompletableFuture<?> future) {
        if (!PendingCalls.reserve()) {
            return false;
        }
        // JDK code on a JDK class (exact type checked): no application code runs here.
        future.whenComplete(pending(s, d, methodId, call, spec));
        return true;
    }

    /** The frame at depth {@code d}, as a call that will end later, possibly on another thread. */
    private static PendingCalls.Pending pending(ThreadState s, int d, int methodId, CapturedCall call, CaptureSpec spec) {
        return new PendingCalls.Pending(s.traceHi, s.traceLo, s.spanIds[d], Spans.parentOf(s, d),
                Spans.withAsyncFlag(s, d, methodId), s.threadId, Thread.currentThread().getName(), s.startNanos[d],
                call, spec);
    }

    /**
     * One provider request is one LLM call, whatever number of layers it passes: a framework's
     * chat model calling an SDK that is traced too (two presets on) keeps the outer span only, so
     * its tokens are counted once. Likewise a method of a rule called directly by a method of the
     * same rule (a tool's overload delegating to another) is one call.
     */
    private static boolean insideSameCall(ThreadState s, int methodId, CaptureSpec spec) {
        int d = s.depth;
        if (d == 0 || s.methodIds[d - 1] == ThreadState.REMOTE_FRAME) {
            return false;
        }
        int parentId = s.methodIds[d - 1];
        CaptureSpec parent = spec(parentId);
        if (parent == null) {
            return false;
        }
        if (spec.isLlm() && parent.isLlm()) {
            return true;
        }
        MethodRegistry registry = methods;
        MethodInfo mine = registry.get(methodId & MethodInfo.ID_MASK);
        MethodInfo theirs = registry.get(parentId & MethodInfo.ID_MASK);
        return mine != null && theirs != null && "tool".equals(mine.kind()) && mine.rule().equals(theirs.rule());
    }

    /**
     * The returned CompletableFuture when the call may end with it; only the JDK's own class, as a
     * subclass could run application code in whenComplete. null otherwise.
     */
    private static CompletableFuture<?> exactFuture(CaptureSpec spec, Object result) {
        return spec.endsWithFuture() && result != null && result.getClass() == CompletableFuture.class
                ? (CompletableFuture<?>) result : null;
    }

    /**
     * A future that completed before the call returned (a fast server): the call's result is its
     * value, as it is when the future completes later, not the future object.
     */
    private static void endWithDoneFuture(ThreadState s, CapturedCall call, CaptureSpec spec, CompletableFuture<?> f) {
        Object value;
        try {
            value = f.getNow(null); // completed: never blocks
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            call.thrown = e.getCause() != null ? e.getCause() : e;
            return;
        }
        if (spec.capturesResult()) {
            captureResult(s, call, spec, value);
        }
    }

    private static void captureResult(ThreadState s, CapturedCall call, CaptureSpec spec, Object result) {
        boolean previous = s.suspended;
        s.suspended = true;
        try {
            if (!call.skipped) {
                call.result = spec.captureResult(result, call);
                call.hasResult = !call.skipped; // false: the memory budget had no room for it
                if (call.skipped) {
                    call.result = null;
                }
            }
        } finally {
            s.suspended = previous;
        }
    }

    /** Writes the span of a call that ended after its return, from the thread that ended it. */
    static void endPending(PendingCalls.Pending p, Object value, Throwable failure) {
        long end = System.nanoTime();
        try {
            ThreadState s = (ThreadState) Spans.state();
            if (s == null) {
                return;
            }
            if (failure != null) {
                p.call.thrown = failure;
            } else if (p.spec.capturesResult()) {
                captureResult(s, p.call, p.spec, value);
            }
            Spans.offer(s, p.traceHi, p.traceLo, p.spanId, p.parentId, p.methodId, p.threadId, p.threadName,
                    p.startNanos, end - p.startNanos, p.call);
        } catch (Throwable t) {
            AgentCounters.internalError("capture-end", t);
        }
    }

    /**
     * Entry of a callback method (a streaming handler's completion): if {@code handler} was handed
     * to a call still open, that call ends now with {@code argument} as its result or error. The
     * rest of the callback (a tool loop going on, the next request) is attributed to the call's
     * parent, as it would have been had the call been blocking.
     *
     * @return token for {@link #callbackExit}, 0 when there is nothing to undo
     */
    public static int callbackEnter(int methodId, Object handler, Object argument) {
        try {
            PendingCalls.Pending p = PendingCalls.takeForCallback(handler);
            if (p == null) {
                return 0;
            }
            CaptureSpec spec = spec(methodId);
            boolean error = spec != null && spec.outcome() == CaptureSpec.OUTCOME_ERROR;
            if (error) {
                endPending(p, null, argument instanceof Throwable ? (Throwable) argument
                        : new IllegalStateException(String.valueOf(argument == null ? "error" : argument.getClass().getName())));
            } else {
                endPending(p, argument, null);
            }
            ThreadState s = (ThreadState) Spans.state();
            if (s == null || p.parentId == 0L || s.suspended) {
                return 0;
            }
            return s.pushRemote(p.traceHi, p.traceLo, p.parentId, 0);
        } catch (Throwable t) {
            AgentCounters.internalError("capture-callback", t);
            return 0;
        }
    }

    public static void callbackExit(int token) {
        if (token == 0) {
            return;
        }
        try {
            ((ThreadState) Spans.STATE.get()).popRemote(token);
        } catch (Throwable t) {
            AgentCounters.internalError("capture-callback", t);
        }
    }

    /** Calls that returned and are still waiting for their end (final stats). */
    public static int openCalls() {
        return PendingCalls.open();
    }
}
