package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Streams the files of a run line by line and hands each record to a {@link TraceListener}, in file order.
 *
 * <p>Each line is parsed once, by Jackson's streaming parser, into only what the listener needs (see
 * {@link LineParser}). Parsing is most of the cost of a read, so it runs on worker threads, a batch of lines at a
 * time, while the calling thread splits the file into lines and hands the decoded records on in order. A few
 * batches are in flight at most, so memory does not grow with the file. A line that cannot be used is skipped and
 * reported with its file and line number, and reading goes on, as the format requires.
 */
public final class TraceReader {

    // Trailing tokens matter: two records glued together by a torn write must not pass as the first one.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Decoding threads beside the calling thread, which splits lines and delivers records: one fewer than the cores
     * (at least one, at most four). The system property {@code agentdbg.analyzer.readThreads} overrides it; 0 decodes
     * on the calling thread, for a machine shared with the traced application.
     */
    private static final int WORKERS = Math.max(0, Integer.getInteger("agentdbg.analyzer.readThreads",
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1))));
    /** Batches decoded ahead of delivery: enough to keep every worker busy, few enough to bound memory. */
    private static final int IN_FLIGHT = Math.max(2, 2 * WORKERS);

    private final ReadProgress progress;

    public TraceReader() {
        this(ReadProgress.NONE);
    }

    /** A reader that shows {@code progress} while a read takes long. */
    public TraceReader(ReadProgress progress) {
        this.progress = progress;
    }

    /** Reads every part of {@code run}, in part order. */
    public ReadReport read(RunFiles run, TraceListener listener) throws BadInputException {
        ReadReport report = new ReadReport();
        LineDecoder decoder = new LineDecoder(MAPPER, listener.wantsPayloads());
        ExecutorService workers = WORKERS > 0 ? Executors.newFixedThreadPool(WORKERS, TraceReader::daemon) : null;
        progress.begin(run, report);
        try {
            for (TraceFile file : run.parts()) {
                readFile(file, new Delivery(file, listener, report), decoder, workers);
            }
        } finally {
            progress.end();
            if (workers != null) {
                workers.shutdownNow();
            }
        }
        return report;
    }

    private static Thread daemon(Runnable task) {
        Thread t = new Thread(task, "agentdbg-trace-decoder");
        t.setDaemon(true);
        // A fault inside a decode reaches the reading thread through its Future. One outside it (the heap ran
        // out while the worker waited for work) would otherwise print a stack trace: the reading thread reports
        // the heap in one line, and the pool replaces the worker.
        t.setUncaughtExceptionHandler((thread, e) -> {
            if (!(e instanceof OutOfMemoryError)) {
                System.err.println("agentdbg-analyzer: a trace decoder thread failed (" + e + "); the read goes on");
            }
        });
        return t;
    }

    private void readFile(TraceFile file, Delivery delivery, LineDecoder decoder, ExecutorService workers)
            throws BadInputException {
        DecodePipeline pipeline = new DecodePipeline(decoder, workers, IN_FLIGHT, delivery::deliver);
        try (InputStream in = progress.track(Files.newInputStream(file.path()), file);
             LineSource lines = new LineSource(in)) {
            LineBatch batch = pipeline.emptyBatch();
            while (lines.next()) {
                if (LineBatch.oversized(lines)) {
                    // Everything before it first, in order; then the line itself, here, from the reader's buffer.
                    if (!batch.isEmpty()) {
                        pipeline.submit(batch);
                        batch = pipeline.emptyBatch();
                    }
                    pipeline.decodeHere(LineBatch.of(lines));
                    continue;
                }
                if (!batch.fits(lines)) {
                    pipeline.submit(batch);
                    batch = pipeline.emptyBatch();
                }
                batch.add(lines);
            }
            if (!batch.isEmpty()) {
                pipeline.submit(batch);
            }
            pipeline.drain();
            delivery.report().fileRead(file, lines.number());
        } catch (IOException e) {
            pipeline.cancel();
            throw new BadInputException("cannot read " + file.path() + ": " + TraceLocator.cause(e));
        }
    }

    /** Hands a file's decoded lines to the report and the listener, in order, on the calling thread. */
    private record Delivery(TraceFile file, TraceListener listener, ReadReport report, boolean[] sawRecord) {

        Delivery(TraceFile file, TraceListener listener, ReadReport report) {
            this(file, listener, report, new boolean[1]);
        }

        void deliver(LineDecoder.Decoded[] batch) {
            for (LineDecoder.Decoded d : batch) {
                deliver(d);
            }
        }

        private void deliver(LineDecoder.Decoded d) {
            if (d.type() != null && !sawRecord[0] && !"run".equals(d.type())) {
                report.note(file.path().getFileName() + " does not start with a run record");
            }
            if (d.type() != null) {
                sawRecord[0] = true;
            }
            if (!d.used()) {
                report.skip(file.path(), d.number(), d.problem());
                listener.skipped(new SkippedLine(file.path(), d.number(), d.problem()), d.type(), d.head());
                return;
            }
            d.ignored().forEach(reason -> report.ignoreValue(file.path(), d.number(), reason));
            dispatch(d.type(), d.record());
            for (String[] b : d.badFields()) {
                report.badField(b[0], b[1], b[2], b[3], file.path(), d.number());
            }
            report.record();
        }

        private void dispatch(String type, Object record) {
            switch (type) {
                case "run" -> listener.run((RunInfo) record, file);
                case "method" -> listener.method((MethodInfo) record);
                case "span" -> listener.span((Span) record);
                case "start" -> listener.start((CallStart) record);
                case "stats" -> listener.stats((AgentStats) record);
                case "agentError" -> listener.agentError((AgentError) record);
                case "class" -> listener.classSeen((ClassSeen) record);
                case "exchange" -> listener.exchange((Exchange) record);
                case "value" -> listener.value((RecordedValue) record);
                case "det" -> listener.det((DetValues) record);
                case "replayed" -> listener.replayed((Replayed) record);
                case "divergence" -> listener.divergence((Divergence) record);
                case "debug" -> listener.debug((dev.agentdbg.analyzer.model.DebugEvent) record);
                default -> {
                    // A record type this analyzer does not know: counted as read, not used.
                }
            }
        }
    }

    /** Reads the first line of a file as a JSON object, or {@code null}; used to identify files cheaply. */
    static JsonNode firstRecord(InputStream in) throws IOException {
        try (LineSource lines = new LineSource(in)) {
            if (!lines.next() || lines.tooLong()) {
                return null;
            }
            try {
                JsonNode node = MAPPER.readTree(lines.bytes(), 0, lines.length());
                return node != null && node.isObject() ? node : null;
            } catch (JacksonException e) {
                return null;
            }
        }
    }
}
