package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.RingBuffer;
import dev.agentdbg.bootstrap.Spans;

import java.security.SecureRandom;

/** Starts recording for this JVM: ring buffer, drainer thread, shutdown hook. */
public final class TraceSession {
    private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

    private final RingBuffer buffer;
    private final Drainer drainer;

    private TraceSession(RingBuffer buffer, Drainer drainer) {
        this.buffer = buffer;
        this.drainer = drainer;
    }

    /**
     * @param epochNanosAnchor wall clock at start, in epoch nanoseconds
     * @param nanoTimeAnchor   {@link System#nanoTime()} read at the same moment
     */
    public static TraceSession start(TraceSettings settings, RunInfo run, MethodRegistry registry,
                                     long epochNanosAnchor, long nanoTimeAnchor) {
        RingBuffer buffer = new RingBuffer(settings.bufferSize());
        Drainer drainer = new Drainer(buffer, registry, settings, run);
        drainer.start();
        Spans.install(buffer, epochNanosAnchor, nanoTimeAnchor, new SecureRandom().nextLong());
        TraceSession session = new TraceSession(buffer, drainer);
        Thread hook = new Thread(() -> drainer.finish(SHUTDOWN_WAIT_MILLIS), "agentdbg-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return session;
    }

    /** The file being written, or null when the trace directory could not be written. */
    public String currentFile() {
        return drainer.currentFile();
    }

    public RingBuffer buffer() {
        return buffer;
    }
}
