package dev.agentdbg.analyzer.export;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code --otlp-endpoint}: sends each batch over OTLP/HTTP (protobuf) with the SDK's {@link OtlpHttpSpanExporter},
 * which retries a refused connection, a timeout or a 429/502/503/504 with backoff. The first batch that still fails
 * stops the export with one line naming the endpoint and why.
 */
final class OtlpHttpWriter extends OtlpWriter implements AutoCloseable {

    /** The exporter logs each failure at WARNING with its stack; the command prints one line of its own instead. */
    private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry.exporter");

    private final OtlpHttpSpanExporter exporter;
    private final String url;
    private final Duration timeout;

    /**
     * @param url     the full URL spans are posted to ({@code http://host:4318/v1/traces})
     * @param timeout for one request; a batch may take its attempts times that, plus the backoff between them
     */
    OtlpHttpWriter(String url, Map<String, String> headers, Duration timeout, int batchSize, String serviceName) {
        super(batchSize, serviceName);
        this.url = url;
        this.timeout = timeout;
        EXPORTER_LOG.setLevel(Level.OFF);
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(url)
                .setTimeout(timeout)
                .setRetryPolicy(RetryPolicy.getDefault());
        headers.forEach(builder::addHeader);
        exporter = builder.build();
    }

    @Override
    void write(List<SpanData> batch) {
        CompletableResultCode result = exporter.export(batch);
        // Attempts x timeout plus the backoff between attempts; the exporter gives up before this.
        RetryPolicy retry = RetryPolicy.getDefault();
        long waitMillis = retry.getMaxAttempts() * (timeout.toMillis() + retry.getMaxBackoff().toMillis());
        result.join(waitMillis, TimeUnit.MILLISECONDS);
        if (!result.isSuccess()) {
            throw new ExportFailedException("cannot send spans to " + url + ": " + why(result)
                    + (spans() > 0 ? " (" + spans() + " spans were sent before)" : ""));
        }
    }

    private String why(CompletableResultCode result) {
        Throwable t = result.getFailureThrowable();
        if (!result.isDone()) {
            return "no answer within " + timeout.toSeconds() + "s";
        }
        if (t == null) {
            return "the endpoint refused them";
        }
        // The SDK's own exception type (internal API, pinned by the BOM) carries the HTTP answer.
        if (t instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            int status = http.getResponse().getStatusCode();
            String reason = http.getResponse().getStatusMessage();
            // the JDK sender has no reason phrase and repeats the code there
            boolean noReason = reason == null || reason.isBlank() || reason.strip().equals(String.valueOf(status));
            return "the endpoint answered HTTP " + status + (noReason ? "" : " " + reason)
                    + (status == 401 || status == 403 ? "; does it need a key (--otlp-header)?" : "");
        }
        if (t instanceof FailedExportException.HttpExportException http && http.getCause() != null) {
            t = http.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused; is an OTLP/HTTP receiver listening there?";
            }
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
}
