package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;


/** Starts recording for this JVM: ring buffer, drainer thread, shutdown hook. */
public final class TraceSession {
    private final SpanRings rings;
    private final Drainer drainer;
    private final java.util.List<Runnable> beforeEnd = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<Runnable> afterEnd = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TraceSession(SpanRings rings, Drainer drainer) {
        this.rings = rings;
        this.drainer = drainer;
    }

    /**
     * @param epochNanosAnchor wall clock at start, in epoch nanoseconds
     * @param nanoTimeAnchor   {@link System#nanoTime()} read at the same moment
     */
    public static TraceSession start(TraceSettings settings, RunInfo run, MethodRegistry registry,
                                     long epochNanosAnchor, long nanoTimeAnchor) {
        MemoryBudget budget = new MemoryBudget(settings.memoryMax());
        budget.tryReserve(Drainer.WRITE_BUFFER_BYTES); // first, so the rings never take what the writer needs
        MemoryBudget.install(budget);
        SpanRings rings = new SpanRings(settings.bufferSize(), settings.sharedBufferSize(), budget);
        Drainer drainer = new Drainer(rings, registry, settings, run);
        drainer.start();
        Spans.install(rings, epochNanosAnchor, nanoTimeAnchor, idSeed());
        TraceSession session = new TraceSession(rings, drainer);
        Thread hook = new Thread(() -> {
            session.runAll(session.beforeEnd);
            drainer.finish(settings.shutdownTimeoutMillis());
            session.runAll(session.afterEnd);
        }, "agentdbg-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return session;
    }

    /**
     * At JVM shutdown, before the last records are drained: what must still reach the trace (the debugger
     * releasing its paused threads says so here). Must be quick; a fault is counted.
     */
    public void beforeEnd(Runnable r) {
        beforeEnd.add(r);
    }

    /** At JVM shutdown, after the final records (the live page is told the program ended). Must be quick. */
    public void afterEnd(Runnable r) {
        afterEnd.add(r);
    }

    private void runAll(java.util.List<Runnable> hooks) {
        for (Runnable r : hooks) {
            try {
                r.run();
            } catch (Throwable t) {
                dev.agentdbg.bootstrap.AgentCounters.internalError("shutdown", t);
            }
        }
    }

    /** The file being written (or that the first record will create), or null when the directory cannot be written. */
    public String currentFile() {
        return drainer.currentFile();
    }

    public SpanRings rings() {
        return rings;
    }

    /**
     * Seed for span and trace ids: different in every process. Read from /dev/urandom where there
     * is one, because initialising SecureRandom costs tens of milliseconds of start-up.
     */
    static long idSeed() {
        long seed = System.nanoTime() ^ ProcessHandle.current().pid() * 0x9e3779b97f4a7c15L
                ^ System.currentTimeMillis() << 20;
        try (java.io.InputStream random = new java.io.FileInputStream("/dev/urandom")) {
            byte[] bytes = random.readNBytes(8);
            for (byte b : bytes) {
                seed = (seed << 8) ^ (b & 0xff) ^ (seed >>> 56);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /dev/urandom (Windows): time and pid above still differ per process
        }
        return seed;
    }
}
