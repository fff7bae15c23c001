package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.AgentCounters;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The transformer the JVM calls for every class: a {@link CandidateFilter} on the raw bytes, and
 * for the few candidates the ByteBuddy transformer, which is built on a background thread while
 * the application starts. A candidate that arrives before ByteBuddy is ready waits for it.
 */
final class AgentTransformer implements ClassFileTransformer {
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final CandidateFilter filter;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile ClassFileTransformer byteBuddy;

    AgentTransformer(CandidateFilter filter) {
        this.filter = filter;
    }

    /** Builds the ByteBuddy transformer on a daemon thread. */
    void prepareInBackground(Supplier<ClassFileTransformer> builder) {
        Thread init = new Thread(() -> {
            try {
                byteBuddy = builder.get();
            } catch (Throwable t) {
                AgentCounters.internalError("instrumentation-setup", t);
                System.err.println("[agentdbg] could not set up instrumentation, nothing will be traced: " + t);
            } finally {
                ready.countDown();
            }
        }, "agentdbg-init");
        init.setDaemon(true);
        init.start();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classBytes) {
        if (loader == null || internalName == null || classBytes == null) {
            return null; // the bootstrap loader's classes (the JDK's and ours) are never instrumented
        }
        try {
            if (!filter.isCandidate(internalName, classBytes, loader)) {
                noteIfNear(internalName, classBytes);
                return null;
            }
            ClassFileTransformer delegate = awaitByteBuddy();
            if (delegate == null) {
                return null;
            }
            TransformedClass.set(internalName, classBytes);
            byte[] transformed;
            String failure;
            try {
                transformed = delegate.transform(module, loader, internalName, classBeingRedefined, protectionDomain, classBytes);
            } catch (Throwable t) {
                TransformedClass.failed(t);
                throw t;
            } finally {
                failure = TransformedClass.failure();
                TransformedClass.clear();
                if (failure != null) {
                    noteCandidate(internalName, classBytes, loader, "failed", failure);
                }
            }
            if (failure == null) {
                noteCandidate(internalName, classBytes, loader, transformed != null ? "transformed" : "noMethod", null);
            }
            return transformed;
        } catch (Throwable t) {
            AgentCounters.transformFailure(internalName.replace('/', '.'), t);
            return null;
        }
    }

    /**
     * A candidate's outcome, for its {@code class} record. Apart from the transformation: a fault here must
     * neither lose the transformed class nor count as a transform failure.
     */
    private void noteCandidate(String internalName, byte[] classBytes, ClassLoader loader, String outcome,
                               String failure) {
        try {
            ClassSightings.note(internalName, classBytes, outcome, filter.rulesFor(internalName, classBytes, loader),
                    failure);
        } catch (Throwable t) {
            // the class is what matters; its note is only evidence
        }
    }

    /** A class no rule can apply to, noted when its name is close to a rule's ({@link CandidateFilter#nearRules}). */
    private void noteIfNear(String internalName, byte[] classBytes) {
        try {
            List<String> near = filter.nearRules(internalName);
            if (!near.isEmpty()) {
                boolean ignored = CandidateFilter.isIgnored(internalName);
                ClassSightings.note(internalName, classBytes, ignored ? "ignored" : "nearby", near,
                        ignored ? "agentdbg never instruments its own classes, the JDK's or javax.*" : null);
            }
        } catch (Throwable t) {
            // only evidence for the analyzer: the class loads as it would
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classBytes) {
        return transform(null, loader, internalName, classBeingRedefined, protectionDomain, classBytes);
    }

    private ClassFileTransformer awaitByteBuddy() throws InterruptedException {
        ClassFileTransformer ready = byteBuddy;
        if (ready != null) {
            return ready;
        }
        if (!this.ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("instrumentation was not ready after " + READY_TIMEOUT_SECONDS + " s");
        }
        return byteBuddy;
    }
}
