package dev.agentdbg.analyzer.export;

import dev.agentdbg.analyzer.read.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/** The export formats by name, and the checks of their options that must fail before the trace is read. */
public final class Exports {

    public static final String OTLP_JSON = "otlp-json";
    public static final String CHROME = "chrome";
    /** The OTLP/HTTP path for spans, added to an endpoint given without a path. */
    public static final String TRACES_PATH = "/v1/traces";

    private Exports() {
    }

    /** The writer of {@code format} to {@code out}. */
    public static SpanWriter file(String format, Writer out, int batchSize, String serviceName) {
        if (CHROME.equals(format)) {
            try {
                return new ChromeTraceWriter(out, serviceName);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new OtlpJsonWriter(out, batchSize, serviceName);
    }

    /** The writer that sends every batch to {@code url} (see {@link #tracesUrl}). */
    public static SpanWriter otlpHttp(String url, Map<String, String> headers, Duration timeout, int batchSize,
                                      String serviceName) {
        return new OtlpHttpWriter(url, headers, timeout, batchSize, serviceName);
    }

    /**
     * The URL spans are posted to: {@code endpoint} plus {@value #TRACES_PATH} when it has no path, as the OTLP
     * exporter configuration does for {@code OTEL_EXPORTER_OTLP_ENDPOINT}; else as given.
     *
     * @throws BadInputException for anything but an http or https URL with a host
     */
    public static String tracesUrl(String endpoint) throws BadInputException {
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new BadInputException("--otlp-endpoint takes a URL such as http://localhost:4318, not '"
                    + endpoint + "': " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new BadInputException("--otlp-endpoint takes an http or https URL such as http://localhost:4318, "
                    + "not '" + endpoint + "'");
        }
        String path = uri.getRawPath();
        String base = uri.toString();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
        }
        return base;
    }
}
