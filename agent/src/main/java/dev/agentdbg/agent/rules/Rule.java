package dev.agentdbg.agent.rules;

import dev.agentdbg.agent.config.ConfigKeys;
import dev.agentdbg.semantics.AttributePath;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One validated rule: which methods to trace, what they are and what of their calls to capture.
 * Conditions that are set must all hold; at least one of {@code classGlob}, {@code subtypeOf},
 * {@code annotatedWith} is set. Built from configuration by {@link RuleParser} or by a preset
 * through {@link #builder}.
 */
public final class Rule {
    /** What a {@code callback} rule's method means for the span it ends. */
    public enum Outcome {
        /** The call succeeded; the method's first argument is its result. */
        RESULT,
        /** The call failed; the method's first argument is the Throwable. */
        ERROR
    }

    private final String name;
    private final String kind;
    private final String component;
    private final Glob classGlob;
    private final Glob methodGlob;
    private final String subtypeOf;
    private final String annotatedWith;
    private final int argumentCount;
    private final java.util.List<String> parameterTypes;
    private final boolean capture;
    private final int captureArgMask;
    private final boolean captureToString;
    private final Map<String, AttributePath> attributes;
    private final String provider;
    private final int endsOnCallback;
    private final Outcome outcome;
    private final AttributePath errorWhen;
    private final Map<String, String> source;
    private final AtomicBoolean matched = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<String> picks = new java.util.concurrent.atomic.AtomicReference<>();

    private Rule(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.component = b.component;
        this.classGlob = b.classGlob;
        this.methodGlob = b.methodGlob;
        this.subtypeOf = b.subtypeOf;
        this.annotatedWith = b.annotatedWith;
        this.argumentCount = b.argumentCount;
        this.parameterTypes = b.parameterTypes;
        this.capture = b.capture != null ? b.capture : capturesByDefault(b.kind);
        this.captureArgMask = b.captureArgMask;
        this.captureToString = b.captureToString;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.provider = b.provider;
        this.endsOnCallback = b.endsOnCallback;
        this.outcome = b.outcome;
        this.errorWhen = b.errorWhen;
        this.source = b.source;
    }

    /** Calls of LLMs and tools are what one debugs an agent with; agent methods may hold huge state. */
    static boolean capturesByDefault(String kind) {
        return "llm".equals(kind) || "tool".equals(kind);
    }

    public static Builder builder(String name, String kind) {
        return new Builder(name, kind);
    }

    public String name() { return name; }
    public String kind() { return kind; }
    /** null: use the instrumented class's simple name. */
    public String component() { return component; }
    /** null when the rule does not filter by class name. */
    public Glob classGlob() { return classGlob; }
    /** Filter on method names from {@code match} and {@code methods}; null when none was given. */
    public Glob methodGlob() { return methodGlob; }
    public String subtypeOf() { return subtypeOf; }
    public String annotatedWith() { return annotatedWith; }
    /** Number of parameters a method must have; -1 for any. */
    public int argumentCount() { return argumentCount; }
    /** Erased parameter type names a method must have exactly ({@code java.lang.Object[]}); null for any. */
    public java.util.List<String> parameterTypes() { return parameterTypes; }
    /** Whether arguments, return value and thrown exception are captured into the span. */
    public boolean capture() { return capture; }
    /** Bit i set: parameter i is captured; -1: all of them. */
    public int captureArgMask() { return captureArgMask; }
    /** Whether capture may call the application's own {@code toString()}. */
    public boolean captureToString() { return captureToString; }
    /** Span attribute name -> path into the captured arguments or result. */
    public Map<String, AttributePath> attributes() { return attributes; }
    /** The GenAI provider ({@code gen_ai.provider.name}) when the rule knows it; null to guess. */
    public String provider() { return provider; }
    /** Index of the parameter whose callback ends the span; -1 when the span ends at return. */
    public int endsOnCallback() { return endsOnCallback; }
    /** For kind {@code callback}: what the call means; null otherwise. */
    public Outcome outcome() { return outcome; }
    /** Path into the captured call that, when true, marks a call that returned normally as failed; or null. */
    public AttributePath errorWhen() { return errorWhen; }

    public void markMatched() {
        matched.lazySet(true);
    }

    public boolean matched() {
        return matched.get();
    }

    /**
     * For a {@code subtypeOf} rule without {@code methods}: the supertype's methods it picks
     * ({@code execute(String), run(Map)}), once known; else null.
     */
    public String picks() {
        return picks.get();
    }

    /** Records the picks the first time they are known. @return whether this call recorded them */
    public boolean learnPicks(String methods) {
        return picks.compareAndSet(null, methods);
    }

    /** The rule as written, for the trace's run record; with its picks when they are known. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("name", name);
        d.putAll(source);
        d.put("kind", kind);
        if (picks.get() != null) {
            d.put("picks", picks.get());
        }
        return d;
    }

    /** Collects a rule's conditions and options; {@link #build} checks them. */
    public static final class Builder {
        private final String name;
        private final String kind;
        private String component;
        private Glob classGlob;
        private Glob methodGlob;
        private String subtypeOf;
        private String annotatedWith;
        private int argumentCount = -1;
        private java.util.List<String> parameterTypes;
        private Boolean capture;
        private int captureArgMask = -1;
        private boolean captureToString;
        private final Map<String, AttributePath> attributes = new LinkedHashMap<>();
        private String provider;
        private int endsOnCallback = -1;
        private Outcome outcome;
        private AttributePath errorWhen;
        private final Map<String, String> source = new LinkedHashMap<>();

        private Builder(String name, String kind) {
            this.name = name;
            this.kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        }

        /** Class name glob: {@code *} within one package segment, {@code **} across segments. */
        public Builder match(String classGlob) {
            this.classGlob = Glob.forClass(classGlob);
            source.put("match", classGlob);
            return this;
        }

        public Builder subtypeOf(String typeName) {
            RuleParser.checkTypeName("subtypeOf", typeName);
            this.subtypeOf = typeName;
            source.put("subtypeOf", typeName);
            return this;
        }

        public Builder annotatedWith(String typeName) {
            RuleParser.checkTypeName("annotatedWith", typeName);
            this.annotatedWith = typeName;
            source.put("annotatedWith", typeName);
            return this;
        }

        /** Method name glob: {@code *} matches any characters. */
        public Builder methods(String methodGlob) {
            if (this.methodGlob != null) {
                throw new IllegalArgumentException("sets a method both in match ('#" + this.methodGlob
                        + "') and in methods; use one");
            }
            this.methodGlob = Glob.forMethod(methodGlob);
            source.putIfAbsent("methods", methodGlob);
            return this;
        }

        public Builder argumentCount(int count) {
            if (count < 0 || count > 255) {
                throw new IllegalArgumentException("arguments '" + count + "' is not a parameter count (0..255)");
            }
            this.argumentCount = count;
            source.put("arguments", Integer.toString(count));
            return this;
        }

        /** Only methods whose erased parameter types are exactly these, e.g. {@code java.lang.Object[]}. */
        public Builder parameterTypes(String... typeNames) {
            this.parameterTypes = java.util.List.of(typeNames);
            this.argumentCount = typeNames.length;
            source.put("parameterTypes", String.join(",", typeNames));
            return this;
        }

        public Builder component(String component) {
            this.component = component;
            source.put("component", component);
            return this;
        }

        public Builder capture(boolean capture) {
            this.capture = capture;
            source.put("capture", Boolean.toString(capture));
            return this;
        }

        /** Only these parameters (0-based) are captured. */
        public Builder captureArgs(int... indices) {
            int mask = 0;
            for (int i : indices) {
                if (i < 0 || i > 30) {
                    throw new IllegalArgumentException("capture.args index " + i + " is not 0..30");
                }
                mask |= 1 << i;
            }
            this.captureArgMask = mask;
            source.put("capture.args", java.util.Arrays.toString(indices).replaceAll("[\\[\\] ]", ""));
            return this;
        }

        public Builder captureToString(boolean allowed) {
            this.captureToString = allowed;
            source.put("capture.toString", Boolean.toString(allowed));
            return this;
        }

        /** A span attribute taken from the captured call, e.g. {@code result.usage.prompt_tokens}. */
        public Builder attribute(String attributeName, String path) {
            // Parsed once here: a bad path fails early with a message naming the problem.
            attributes.put(attributeName, AttributePath.parse(path));
            source.put(ConfigKeys.RULE_ATTR_PREFIX + attributeName, path);
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder endsOnCallback(int argumentIndex) {
            if (argumentIndex < 0 || argumentIndex > 30) {
                throw new IllegalArgumentException("endsOnCallback '" + argumentIndex + "' is not a parameter index (0..30)");
            }
            this.endsOnCallback = argumentIndex;
            source.put("endsOnCallback", Integer.toString(argumentIndex));
            return this;
        }

        /**
         * Calls whose captured value at {@code path} is true failed, though they returned normally
         * (a framework that turns a tool's exception into an error result).
         */
        public Builder errorWhen(String path) {
            this.errorWhen = AttributePath.parse(path);
            source.put("errorWhen", path);
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            source.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
            return this;
        }

        /** The rule as the user wrote it, for {@link Rule#describe}; replaces what the setters noted. */
        Builder describedAs(Map<String, String> written) {
            source.clear();
            source.putAll(written);
            return this;
        }

        /** @throws IllegalArgumentException saying what is missing or inconsistent */
        public Rule build() {
            if (classGlob == null && subtypeOf == null && annotatedWith == null) {
                throw new IllegalArgumentException("needs one of agentdbg.rule." + name + ".match, .subtypeOf or .annotatedWith");
            }
            if (kind == null) {
                throw new IllegalArgumentException("has no kind (agentdbg.rule." + name + ".kind = "
                        + String.join(" | ", ConfigKeys.KINDS) + ")");
            }
            if (!ConfigKeys.KINDS.contains(kind)) {
                throw new IllegalArgumentException("has kind '" + kind + "', which is not one of "
                        + String.join(", ", ConfigKeys.KINDS));
            }
            if ("callback".equals(kind) && outcome == null) {
                throw new IllegalArgumentException("has kind callback but no outcome (agentdbg.rule." + name
                        + ".outcome = result | error)");
            }
            if (!"callback".equals(kind) && outcome != null) {
                throw new IllegalArgumentException("sets outcome, which only kind callback uses");
            }
            return new Rule(this);
        }
    }
}
