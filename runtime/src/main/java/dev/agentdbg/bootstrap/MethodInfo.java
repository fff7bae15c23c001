package dev.agentdbg.bootstrap;

/** Identity and classification of one instrumented method; written once per trace file. */
public final class MethodInfo {
    /**
     * Set in the id that instrumented code passes to {@link Spans#enter} for methods whose calls
     * also get a start record (kinds agent, llm, tool: calls that can take long or hang), so the
     * hot path needs no look-up to know.
     */
    public static final int START_EVENT_FLAG = 1 << 30;
    /** Clears {@link #START_EVENT_FLAG} from an id. */
    public static final int ID_MASK = START_EVENT_FLAG - 1;

    private final int id;
    private final String className;
    private final String methodName;
    private final String descriptor;
    private final String kind;
    private final String component;
    private final String rule;
    // Filled in while the class is being transformed, before any span can refer to the method.
    private volatile String sourceFile;
    private volatile int firstLine;
    // Set right after registration, before the class is defined: before any call can read it.
    private volatile dev.agentdbg.capture.CaptureSpec capture;
    private volatile dev.agentdbg.semantics.GenAiSemantics semantics;

    public MethodInfo(int id, String className, String methodName, String descriptor,
                      String kind, String component, String rule) {
        this.id = id;
        this.className = className;
        this.methodName = methodName;
        this.descriptor = descriptor;
        this.kind = kind;
        this.component = component;
        this.rule = rule;
    }

    public int id() { return id; }
    public String className() { return className; }
    public String methodName() { return methodName; }
    public String descriptor() { return descriptor; }
    public String kind() { return kind; }
    public String component() { return component; }
    public String rule() { return rule; }

    /** Whether a call of this method also writes a start record when it begins. */
    public boolean startEvents() {
        return "agent".equals(kind) || "llm".equals(kind) || "tool".equals(kind);
    }

    /** The id as call sites pass it: with {@link #START_EVENT_FLAG} for start-event kinds. */
    public int callSiteId() {
        return startEvents() ? id | START_EVENT_FLAG : id;
    }
    /** What calls of this method capture; null when nothing. */
    public dev.agentdbg.capture.CaptureSpec capture() { return capture; }
    public void setCapture(dev.agentdbg.capture.CaptureSpec capture) { this.capture = capture; }
    /** How the writer derives span attributes for this method (used on the drainer only), or null. */
    public dev.agentdbg.semantics.GenAiSemantics semantics() { return semantics; }
    public void setSemantics(dev.agentdbg.semantics.GenAiSemantics semantics) { this.semantics = semantics; }
    /** null when the class has no SourceFile attribute. */
    public String sourceFile() { return sourceFile; }
    /** 0 when the class has no line numbers. */
    public int firstLine() { return firstLine; }

    public void setSourceFile(String sourceFile) { this.sourceFile = sourceFile; }

    /** Keeps the smallest line seen: the first line of the body, whatever order the class lists them in. */
    public void setFirstLine(int line) {
        if (line > 0 && (firstLine == 0 || line < firstLine)) {
            firstLine = line;
        }
    }

    /** Key that identifies the method across class loaders: class, name and descriptor. */
    public static String key(String className, String methodName, String descriptor) {
        return className + '#' + methodName + descriptor;
    }
}
