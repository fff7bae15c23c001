package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Decides, for a class being loaded, which of its methods the rules trace and under which rule.
 * The first rule (by name) that matches a method wins.
 */
final class MethodSelector {
    /** A method to instrument and the rule that chose it. */
    record Selection(MethodDescription.InDefinedShape method, Rule rule) {
    }

    private final List<Rule> rules;
    private final boolean verbose;
    /** Each rule's class-level condition, built once; same order as {@link #rules}. */
    private final List<ElementMatcher<TypeDescription>> typeConditions = new ArrayList<>();
    /**
     * The selection the type matcher just made, for the transformer that ByteBuddy calls next on
     * the same thread with the same type: methods are chosen once per class, not twice.
     */
    private final ThreadLocal<Object[]> lastSelection = new ThreadLocal<>();

    MethodSelector(List<Rule> rules, boolean verbose) {
        this.rules = rules;
        this.verbose = verbose;
        for (Rule rule : rules) {
            typeConditions.add(typeCondition(rule));
        }
    }

    /**
     * The AgentBuilder's type matcher: whether any method would actually be chosen, so a class with
     * nothing to trace (an interface, say) is not transformed at all.
     */
    ElementMatcher.Junction<TypeDescription> typeMatcher() {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                List<Selection> selection = select(target);
                if (selection.isEmpty()) {
                    return false;
                }
                lastSelection.set(new Object[] {target, selection});
                return true;
            }
        };
    }

    /** The methods to instrument in {@code type}: the type matcher's choice when it just made it. */
    @SuppressWarnings("unchecked")
    List<Selection> selectionFor(TypeDescription type) {
        Object[] last = lastSelection.get();
        lastSelection.remove();
        return last != null && last[0] == type ? (List<Selection>) last[1] : select(type);
    }

    private static ElementMatcher.Junction<TypeDescription> typeCondition(Rule rule) {
        ElementMatcher.Junction<TypeDescription> condition = new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                return rule.classGlob() == null || rule.classGlob().matches(target.getName());
            }
        };
        if (rule.subtypeOf() != null) {
            condition = condition.and(hasSuperType(named(rule.subtypeOf())));
        }
        if (rule.annotatedWith() != null) {
            condition = condition.and(declaresMethod(isAnnotatedWith(named(rule.annotatedWith()))));
        }
        return condition;
    }

    private List<Selection> select(TypeDescription type) {
        List<Selection> selected = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!typeConditions.get(i).matches(type)) {
                continue;
            }
            Set<String> supertypeMethods = SupertypePicks.picksBySupertype(rule) ? methodNamesPickedFrom(type, rule) : null;
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                if (!instrumentable(method) || !methodMatches(rule, method, supertypeMethods)) {
                    continue;
                }
                if (supertypeMethods != null && method.getParameters().isEmpty() && isAccessor(type, method)) {
                    if (verbose) {
                        System.err.println("[agentdbg]   " + type.getName() + "#" + method.getInternalName()
                                + " left out (" + rule.name() + "): it only returns a constant or a field");
                    }
                    continue; // called around the work, never the work
                }
                if (taken.add(method.getInternalName() + method.getDescriptor())) {
                    selected.add(new Selection(method, rule));
                }
            }
        }
        return selected;
    }

    private static boolean instrumentable(MethodDescription method) {
        return method.isMethod() && !method.isAbstract() && !method.isNative()
                && !method.isSynthetic() && !method.isBridge();
    }

    private static boolean methodMatches(Rule rule, MethodDescription method, Set<String> supertypeMethods) {
        if (rule.methodGlob() != null && !rule.methodGlob().matches(method.getInternalName())) {
            return false;
        }
        if (rule.argumentCount() >= 0 && method.getParameters().size() != rule.argumentCount()) {
            return false;
        }
        if (rule.parameterTypes() != null && !rule.parameterTypes().equals(method.getParameters().asTypeList()
                .asErasures().stream().map(MethodSelector::sourceName).toList())) {
            return false;
        }
        if ("callback".equals(rule.kind()) && (method.isStatic() || method.getParameters().isEmpty())) {
            return false; // a callback is called on the handler, with the result or error first
        }
        if (supertypeMethods != null && (method.isStatic() || !supertypeMethods.contains(method.getInternalName()))) {
            return false;
        }
        return rule.annotatedWith() == null || hasAnnotationNamed(method, rule.annotatedWith());
    }

    private static String sourceName(TypeDescription type) {
        return SupertypePicks.sourceName(type);
    }

    /** Whether the class's own bytecode shows the method only returns a constant or a field. */
    private static boolean isAccessor(TypeDescription type, MethodDescription method) {
        MethodBodies bodies = TransformedClass.bodiesOf(type.getName());
        return bodies != null && bodies.isAccessor(method.getInternalName(), method.getDescriptor());
    }

    private static boolean hasAnnotationNamed(MethodDescription method, String annotationType) {
        return method.getDeclaredAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().getName().equals(annotationType));
    }

    /**
     * Names of the instance methods the supertype declares, accessors left out (see
     * {@link SupertypePicks}). "Implementations of X" means the methods X defines, matched by name so
     * generic interfaces (whose erased signature differs from the implementation's) work too. The
     * first class that shows the picks of a rule not resolved at start-up records them.
     */
    private Set<String> methodNamesPickedFrom(TypeDescription type, Rule rule) {
        TypeDefinition supertype = findSupertype(type, rule.subtypeOf(), new HashSet<>());
        if (supertype == null) {
            return Set.of();
        }
        SupertypePicks.Picks picks = SupertypePicks.of(supertype);
        if (rule.picks() == null && rule.learnPicks(picks.text()) && verbose) {
            System.err.println("[agentdbg] " + picks.describe(rule));
        }
        return picks.names();
    }

    private static TypeDefinition findSupertype(TypeDefinition type, String name, Set<String> seen) {
        if (type == null || !seen.add(type.getTypeName())) {
            return null;
        }
        if (type.asErasure().getName().equals(name)) {
            return type;
        }
        TypeDefinition found = findSupertype(type.getSuperClass(), name, seen);
        if (found != null) {
            return found;
        }
        for (TypeDefinition iface : type.getInterfaces()) {
            found = findSupertype(iface, name, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
