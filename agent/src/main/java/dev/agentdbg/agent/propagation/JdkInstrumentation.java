package dev.agentdbg.agent.propagation;

import dev.agentdbg.agent.instrument.RetransformingBuilder;

import dev.agentdbg.bootstrap.Propagation;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

import net.bytebuddy.matcher.ElementMatcher;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.Callable;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The few JDK methods context propagation needs: task submission in ThreadPoolExecutor,
 * ScheduledThreadPoolExecutor and ForkJoinPool, ForkJoinTask fork/exec (parallel streams), and
 * Thread start/run (platform and virtual).
 * Installed with retransformation, since some of these classes are loaded before the agent.
 */
public final class JdkInstrumentation {
    private JdkInstrumentation() {
    }

    /** Every type the advice goes into; loaded first, so that all of them are retransformed. */
    private static final String[] TARGETS = {
        "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ScheduledThreadPoolExecutor",
        "java.util.concurrent.ForkJoinPool", "java.util.concurrent.ForkJoinTask", "java.lang.Thread",
        "java.lang.VirtualThread", "java.util.concurrent.CompletableFuture$UniCompletion",
        "java.util.concurrent.CompletableFuture$BiCompletion",
        "java.util.concurrent.CompletableFuture$UniApply", "java.util.concurrent.CompletableFuture$UniAccept",
        "java.util.concurrent.CompletableFuture$UniRun", "java.util.concurrent.CompletableFuture$UniWhenComplete",
        "java.util.concurrent.CompletableFuture$UniHandle", "java.util.concurrent.CompletableFuture$UniExceptionally",
        "java.util.concurrent.CompletableFuture$UniComposeExceptionally",
        "java.util.concurrent.CompletableFuture$UniRelay", "java.util.concurrent.CompletableFuture$UniCompose",
        "java.util.concurrent.CompletableFuture$BiApply", "java.util.concurrent.CompletableFuture$BiAccept",
        "java.util.concurrent.CompletableFuture$BiRun", "java.util.concurrent.CompletableFuture$BiRelay",
        "java.util.concurrent.CompletableFuture$OrApply", "java.util.concurrent.CompletableFuture$OrAccept",
        "java.util.concurrent.CompletableFuture$OrRun"};

    public static void install(Instrumentation instrumentation) {
        // A JDK class loaded later from the CDS archive can bypass the load-time hook (seen with
        // ForkJoinPool on JDK 25); classes loaded now are retransformed instead, which always works.
        for (String target : TARGETS) {
            try {
                Class.forName(target, false, null);
            } catch (ClassNotFoundException | LinkageError absent) {
                // VirtualThread before JDK 21
            }
        }
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.ForClassLoader.of(JdkInstrumentation.class.getClassLoader()),
                ClassFileLocator.ForClassLoader.ofSystemLoader());
        Advice runnable = Advice.to(RunnableTaskAdvice.class, locator);
        Advice callable = Advice.to(CallableTaskAdvice.class, locator);
        Advice threadStart = Advice.to(ThreadStartAdvice.class, locator);
        Advice threadRun = Advice.to(ThreadRunAdvice.class, locator);
        Advice fork = Advice.to(ForkAdvice.class, locator);
        Advice forkJoinSubmit = Advice.to(ForkJoinTaskSubmitAdvice.class, locator);
        Advice forkJoinExec = Advice.to(ForkJoinTaskExecAdvice.class, locator);
        Advice completionCreated = Advice.to(CompletionCreatedAdvice.class, locator);
        Advice completionFire = Advice.to(CompletionFireAdvice.class, locator);
        ElementMatcher.Junction<MethodDescription> takesRunnable = takesArgument(0, Runnable.class);
        ElementMatcher.Junction<MethodDescription> takesCallable = takesArgument(0, Callable.class);

        RetransformingBuilder.create()
                // Advice inlined into java.base calls Propagation, in the bootstrap loader's unnamed module.
                .assureReadEdgeTo(instrumentation, Propagation.class)
                .type(named("java.util.concurrent.ThreadPoolExecutor"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(runnable.on(named("execute").and(takesArguments(1)).and(takesRunnable))))
                .type(named("java.util.concurrent.ScheduledThreadPoolExecutor"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(runnable.on(namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                                .and(takesRunnable)))
                        .visit(callable.on(named("schedule").and(takesCallable))))
                .type(named("java.util.concurrent.ForkJoinPool"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(runnable.on(namedOneOf("execute", "submit").and(takesRunnable)))
                        .visit(callable.on(named("submit").and(takesCallable)))
                        .visit(forkJoinSubmit.on(namedOneOf("execute", "submit", "invoke")
                                .and(takesArgument(0, named("java.util.concurrent.ForkJoinTask"))))))
                .type(named("java.util.concurrent.ForkJoinTask"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(fork.on(named("fork").and(takesArguments(0))))
                        .visit(forkJoinExec.on(named("doExec").and(takesArguments(0)))))
                .type(named("java.util.concurrent.CompletableFuture$UniCompletion"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(completionCreated.on(isConstructor())))
                .type(nameStartsWith("java.util.concurrent.CompletableFuture$")
                        .and(hasSuperType(named("java.util.concurrent.CompletableFuture$UniCompletion")))
                        .and(not(isAbstract())))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(completionFire.on(named("tryFire").and(takesArguments(int.class)))))
                .type(named("java.lang.Thread"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(threadStart.on(named("start").and(takesArguments(0))))
                        .visit(threadRun.on(named("run").and(takesArguments(0)))))
                .type(named("java.lang.VirtualThread"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(threadStart.on(named("start")))
                        .visit(threadRun.on(named("run").and(isPrivate()).and(takesArguments(1)))))
                .installOn(instrumentation);
    }
}
