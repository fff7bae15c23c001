package dev.agentdbg.agent.replay.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What record and replay need of one openai-java {@code HttpRequest}: method, URL, headers and the body
 * bytes. The SDK's JSON bodies are repeatable (their bytes are computed once and written on each
 * {@code writeTo}), so reading them here leaves what the real call sends untouched; a body that is not
 * repeatable is never read, and the record says why.
 *
 * @param body        the body bytes; null when there is none or it was not read
 * @param bodyMissing why a body that exists was not read, else null
 */
record SdkRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, String bodyMissing) {

    /** Reads {@code request}; a body longer than {@code maxBytes} is left unread. */
    static SdkRequest read(SdkTypes types, Object request, int maxBytes) throws ReflectiveOperationException {
        String method = types.method(request);
        URI uri = URI.create(types.url(request));
        Map<String, List<String>> headers = types.headers(request);
        Object body = types.body(request);
        if (body == null) {
            return new SdkRequest(method, uri, headers, null, null);
        }
        if (!types.repeatable(body)) {
            return new SdkRequest(method, uri, headers, null,
                    "the request body is a one-shot stream; reading it would take it from the real call");
        }
        long length = types.contentLength(body);
        if (length > maxBytes) {
            return new SdkRequest(method, uri, headers, null, tooLong(length + " bytes", maxBytes));
        }
        BoundedBytes out = new BoundedBytes(maxBytes);
        try {
            types.writeTo(body, out);
        } catch (java.lang.reflect.InvocationTargetException e) {
            // The writer may wrap the refusal (an UncheckedIOException, say): look down the causes.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof BoundedBytes.Full) {
                    return new SdkRequest(method, uri, headers, null, tooLong("over " + maxBytes + " bytes", maxBytes));
                }
            }
            throw e;
        }
        return new SdkRequest(method, uri, headers, out.toByteArray(), null);
    }

    private static String tooLong(String size, int maxBytes) {
        return "the request body (" + size + ") is longer than agentdbg.record.maxBytes (" + maxBytes + ")";
    }

    /** Collects at most {@code max} bytes, then refuses with {@link Full}: a body is never held whole when too big. */
    static final class BoundedBytes extends OutputStream {
        /** Thrown into the body's writer when the limit is passed. */
        static final class Full extends IOException {
            Full() {
                super("agentdbg: request body limit reached", null);
            }
        }

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;

        BoundedBytes(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            room(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            room(len);
            bytes.write(b, off, len);
        }

        private void room(int more) throws Full {
            if (bytes.size() + (long) more > max) {
                throw new Full();
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
