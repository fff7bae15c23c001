package dev.agentdbg.analyzer.export;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The OTLP formats: maps each span with {@link OtlpMapping} and hands them on in batches of {@code batchSize}, the
 * only spans held at a time.
 */
abstract class OtlpWriter implements SpanWriter {

    private final int batchSize;
    private final String serviceName;
    private OtlpMapping mapping;
    private List<SpanData> batch = new ArrayList<>();
    private long spans;
    private long batches;

    OtlpWriter(int batchSize, String serviceName) {
        this.batchSize = batchSize;
        this.serviceName = serviceName;
    }

    @Override
    public void begin(RunInfo run) {
        mapping = OtlpMapping.of(run, serviceName);
    }

    @Override
    public void span(Span span, MethodInfo method, boolean unfinished) throws IOException {
        batch.add(mapping.map(span, method, unfinished));
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    @Override
    public void finish() throws IOException {
        if (!batch.isEmpty()) {
            flush();
        }
    }

    private void flush() throws IOException {
        List<SpanData> full = batch;
        batch = new ArrayList<>();
        write(full);
        spans += full.size();
        batches++;
    }

    /** Writes or sends one batch: one ExportTraceServiceRequest. */
    abstract void write(List<SpanData> batch) throws IOException;

    long spans() {
        return spans;
    }

    long batches() {
        return batches;
    }
}
