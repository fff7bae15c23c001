package dev.agentdbg.agent.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One validated rule: which methods to trace and what they are. Conditions that are set must all
 * hold; at least one of {@code classGlob}, {@code subtypeOf}, {@code annotatedWith} is set.
 */
public final class Rule {
    private final String name;
    private final String kind;
    private final String component;
    private final Glob classGlob;
    private final Glob methodGlob;
    private final String subtypeOf;
    private final String annotatedWith;
    private final Map<String, String> source;
    private final AtomicBoolean matched = new AtomicBoolean();

    Rule(String name, String kind, String component, Glob classGlob, Glob methodGlob, String subtypeOf,
         String annotatedWith, Map<String, String> source) {
        this.name = name;
        this.kind = kind;
        this.component = component;
        this.classGlob = classGlob;
        this.methodGlob = methodGlob;
        this.subtypeOf = subtypeOf;
        this.annotatedWith = annotatedWith;
        this.source = source;
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

    public void markMatched() {
        matched.lazySet(true);
    }

    public boolean matched() {
        return matched.get();
    }

    /** The rule as written, for the trace's run record. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("name", name);
        d.putAll(source);
        d.put("kind", kind);
        return d;
    }
}
