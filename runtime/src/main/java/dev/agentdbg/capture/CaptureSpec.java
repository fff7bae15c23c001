package dev.agentdbg.capture;

/**
 * What the calls of one instrumented method capture and how they end: set on its
 * {@link dev.agentdbg.bootstrap.MethodInfo} when the method is instrumented, read on every call.
 */
public final class CaptureSpec {
    /** {@link #outcome} of a callback method that reports success: its first argument is the result. */
    public static final int OUTCOME_RESULT = 1;
    /** {@link #outcome} of a callback method that reports failure: its first argument is the Throwable. */
    public static final int OUTCOME_ERROR = 2;

    /** Parameters of a method whose values may be captured unboxed (see {@link #setPrimitiveShape}). */
    public static final int MAX_PRIMITIVE_ARGS = 8;

    private final CaptureSettings settings;
    /** Descriptor chars of the parameters ("JI") when all are primitive and captured unboxed, else null. */
    private String primitiveParams;
    /** Descriptor char of the return type ('V' for void) when {@link #primitiveParams} is set. */
    private char primitiveResult;
    private final int argMask;
    private final boolean result;
    private final int endsOnCallback;
    private final int outcome;
    private final boolean endsWithFuture;
    private final boolean llm;
    private String[] receiverPaths = new String[0];
    private String[][] receiverFields = new String[0][];

    /**
     * @param argMask        bit i: capture parameter i; 0: no arguments
     * @param result         capture the return value
     * @param endsOnCallback index of the parameter whose callback ends the call, or -1
     * @param outcome        for callback methods, {@link #OUTCOME_RESULT} or {@link #OUTCOME_ERROR}; else 0
     * @param endsWithFuture a returned, unfinished CompletableFuture ends the call when it completes
     */
    public CaptureSpec(CaptureSettings settings, int argMask, boolean result, int endsOnCallback, int outcome,
                       boolean endsWithFuture) {
        this(settings, argMask, result, endsOnCallback, outcome, endsWithFuture, false);
    }

    /** @param llm the method is an LLM call: one nested directly in another LLM call is not a second call */
    public CaptureSpec(CaptureSettings settings, int argMask, boolean result, int endsOnCallback, int outcome,
                       boolean endsWithFuture, boolean llm) {
        this.llm = llm;
        this.settings = settings;
        this.argMask = argMask;
        this.result = result;
        this.endsOnCallback = endsOnCallback;
        this.outcome = outcome;
        this.endsWithFuture = endsWithFuture;
    }

    public boolean capturesArgs() { return argMask != 0; }
    public boolean capturesResult() { return result; }
    public int endsOnCallback() { return endsOnCallback; }
    public int outcome() { return outcome; }
    public boolean endsWithFuture() { return endsWithFuture; }
    public boolean isLlm() { return llm; }

    /**
     * Attribute paths rooted at {@code this} ({@code this.toolDefinition.name}): read from the
     * receiver when the call starts. Set once, before the method is instrumented.
     */
    public void setReceiverPaths(String[] paths) {
        String[][] fields = new String[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            String rest = paths[i].substring("this.".length());
            fields[i] = rest.split("\\.");
        }
        this.receiverFields = fields;
        this.receiverPaths = paths.clone();
    }

    /** Reads the {@code this.…} paths of {@code receiver} into {@code call}. */
    public void captureReceiver(CapturedCall call, Object receiver) {
        if (receiverFields.length == 0 || receiver == null) {
            return;
        }
        call.receiverPaths = receiverPaths;
        call.receiverValues = readReceiver(receiver);
    }

    public boolean readsReceiver() { return receiverFields.length > 0; }

    /**
     * The method's parameters and return type are all primitive (descriptor chars, at most
     * {@link #MAX_PRIMITIVE_ARGS} parameters; 'V' for void): its calls keep their values as raw
     * bits, unboxed, and the drainer boxes them ({@link #materialize}). Set once, before the method
     * is instrumented.
     */
    public void setPrimitiveShape(String params, char result) {
        this.primitiveParams = params;
        this.primitiveResult = result;
    }

    /** Parameter count of a method captured unboxed, or -1. */
    public int primitiveArgCount() {
        return primitiveParams == null ? -1 : primitiveParams.length();
    }

    /**
     * The capture of a call kept as raw bits (arguments, then the result when {@code hasResult}),
     * as the walker would have taken it from the boxed values. Runs on the drainer.
     */
    public CapturedCall materialize(long[] bits, int argCount, boolean hasResult) {
        Object[] args = null;
        if (capturesArgs()) {
            args = new Object[argCount];
            for (int i = 0; i < argCount; i++) {
                if (i >= 31 || (argMask & (1 << i)) != 0) {
                    args[i] = box(primitiveParams.charAt(i), bits[i]);
                }
            }
        }
        CapturedCall call = new CapturedCall(args);
        if (hasResult && primitiveResult != 'V') {
            call.result = box(primitiveResult, bits[argCount]);
            call.hasResult = true;
        }
        return call;
    }

    private static Object box(char type, long bits) {
        switch (type) {
            case 'Z': return bits != 0;
            case 'B': return (byte) bits;
            case 'S': return (short) bits;
            case 'C': return String.valueOf((char) bits); // the walker writes a char as a string
            case 'I': return (int) bits;
            case 'F': return Float.intBitsToFloat((int) bits);
            case 'D': return Double.longBitsToDouble(bits);
            default: return bits;
        }
    }

    private Object[] readReceiver(Object receiver) {
        Object[] values = new Object[receiverFields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ReceiverFields.read(receiver, receiverFields[i], settings);
        }
        return values;
    }
    public CaptureSettings settings() { return settings; }

    /** Snapshots of the selected arguments, taken now: the application may change them later. */
    public Object[] captureArgs(Object[] args, CapturedCall call) {
        if (args == null) {
            return null;
        }
        if (selectsAll(args.length) && boxedPrimitivesOnly(args)) {
            // Each value is its own snapshot (immutable JDK boxes), and the array is the advice's own,
            // new for this call: nothing to walk, nothing to copy.
            CaptureBudget.hold(call, LEAF_BYTES * args.length);
            return args;
        }
        Walk walk = new Walk(settings);
        Object[] snapshots = walk.snapshotArgs(args, argMask);
        CaptureBudget.hold(call, walk.retainedBytes());
        return snapshots;
    }

    public Object captureResult(Object value, CapturedCall call) {
        if (value == null || isBoxedPrimitive(value.getClass())) {
            CaptureBudget.hold(call, LEAF_BYTES);
            return value;
        }
        Walk walk = new Walk(settings);
        Object snapshot = walk.snapshot(value);
        CaptureBudget.hold(call, walk.retainedBytes());
        return snapshot;
    }

    private boolean selectsAll(int n) {
        int all = n >= 31 ? -1 : (1 << n) - 1;
        return (argMask & all) == all;
    }

    /** What {@link Walk} estimates for a number or boolean. */
    private static final long LEAF_BYTES = 9;

    private static boolean boxedPrimitivesOnly(Object[] args) {
        for (Object a : args) {
            if (a != null && !isBoxedPrimitive(a.getClass())) {
                return false;
            }
        }
        return true;
    }

    /** Final JDK value classes, kept as they are by the walker (Character, turned into text, is not one). */
    private static boolean isBoxedPrimitive(Class<?> c) {
        return c == Long.class || c == Integer.class || c == Double.class || c == Boolean.class
                || c == Float.class || c == Short.class || c == Byte.class;
    }
}
