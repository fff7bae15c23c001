package dev.agentdbg.analyzer.export;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code --format otlp-json}: one ExportTraceServiceRequest per line, as the OpenTelemetry Collector's
 * {@code otlpjsonfile} receiver reads them, each holding one batch of spans.
 *
 * <p>The JSON comes from the SDK's own OTLP marshaler (the one its OTLP/HTTP JSON and stdout exporters use), so it
 * follows the OTLP JSON encoding exactly: hex trace and span ids, lowerCamelCase field names, 64-bit integers as
 * strings, enums as numbers. It is internal API of opentelemetry-exporter-otlp-common, pinned by the BOM; the
 * tests parse the output with the official proto classes and would catch a change on upgrade.
 */
final class OtlpJsonWriter extends OtlpWriter {

    private final Writer out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);

    OtlpJsonWriter(Writer out, int batchSize, String serviceName) {
        super(batchSize, serviceName);
        this.out = out;
    }

    @Override
    void write(List<SpanData> batch) throws IOException {
        buffer.reset();
        TraceRequestMarshaler.create(batch).writeJsonTo(buffer);
        out.write(buffer.toString(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void finish() throws IOException {
        super.finish();
        out.flush();
    }
}
