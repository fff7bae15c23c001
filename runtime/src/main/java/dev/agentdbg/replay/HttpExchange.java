package dev.agentdbg.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.capture.Redactor;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One recorded HTTP exchange under an {@code llm} span: the request, then the response head and
 * body chunks with their arrival times, handed to the drainer when the body ends. The response may
 * arrive on another thread than the request (async clients); one thread at a time feeds it.
 */
public final class HttpExchange implements SideRecord {
    private final int call;
    private final long span;
    private final String client;
    private final String method;
    private final URI uri;
    private final Map<String, List<String>> requestHeaders;
    private final byte[] requestBody;
    private final String bodyMissingReason;
    private final int maxBytes;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();

    private int status = -1;
    private Map<String, List<String>> responseHeaders = Map.of();
    private long headersAt;
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Long> chunkAt = new ArrayList<>();
    private long reserved;
    private long held;
    private String cut;
    private Throwable failure;

    HttpExchange(int call, long span, String client, String method, URI uri, Map<String, List<String>> headers,
                 byte[] body, String bodyMissingReason, int maxBytes) {
        this.call = call;
        this.span = span;
        this.client = client;
        this.method = method;
        this.uri = uri;
        this.requestHeaders = headers;
        this.maxBytes = maxBytes;
        this.bodyMissingReason = bodyMissingReason;
        if (body != null && body.length > maxBytes) {
            this.requestBody = null;
            cut = "the request body has " + body.length + " bytes, more than agentdbg.record.maxBytes (" + maxBytes + ")";
        } else {
            this.requestBody = body;
            hold(body == null ? 0 : body.length);
        }
    }

    /** The response's status line and headers have arrived. */
    public void head(int statusCode, Map<String, List<String>> headers) {
        status = statusCode;
        responseHeaders = headers == null ? Map.of() : headers;
        headersAt = System.nanoTime() - startNanos;
    }

    /** A piece of the response body has arrived; copied, since the client reuses its buffers. */
    public void chunk(byte[] bytes, int offset, int length) {
        if (cut != null || length <= 0) {
            return;
        }
        if (held + length > maxBytes) {
            cutOff("the response passed agentdbg.record.maxBytes (" + maxBytes + " bytes)");
            return;
        }
        if (!hold(length)) {
            cutOff("the agent's memory budget (agentdbg.memory.max) was full");
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        chunks.add(copy);
        chunkAt.add(System.nanoTime() - startNanos);
    }

    /** {@link #chunk(byte[], int, int)} for buffers; their positions are left as they were. */
    public void chunk(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            ByteBuffer view = b.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            chunk(bytes, 0, bytes.length);
        }
    }

    /** The exchange is over: the body ended, or the call failed with {@code thrown}. Hands it to the drainer once. */
    public void end(Throwable thrown) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        failure = thrown;
        if (!SideRecords.offerReserved(this)) {
            chunks.clear();
        }
    }

    public int call() {
        return call;
    }

    private boolean hold(long bytes) {
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null && !budget.tryReserve(bytes)) {
            return false;
        }
        reserved += bytes;
        held += bytes;
        return true;
    }

    private void cutOff(String why) {
        cut = why;
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null) {
            budget.release(reserved - requestBodyBytes());
        }
        reserved = requestBodyBytes();
        chunks.clear();
        chunkAt.clear();
    }

    private long requestBodyBytes() {
        return requestBody == null ? 0 : requestBody.length;
    }

    @Override
    public String type() {
        return "exchange";
    }

    @Override
    public long bytes() {
        return reserved;
    }

    @Override
    public void writeFields(JsonGenerator json, Redactor redactor) throws IOException {
        json.writeNumberField("call", call);
        json.writeStringField("span", OpenSpans.hex(span));
        json.writeStringField("client", client);
        json.writeStringField("endpoint", redactor.mask(HttpRecorder.endpoint(method, uri)));
        json.writeObjectFieldStart("request");
        json.writeStringField("method", method);
        json.writeStringField("url", redactor.mask(uri.toString()));
        HttpBodies.writeHeaders(json, "headers", requestHeaders, redactor);
        if (requestBody != null) {
            HttpBodies.writeBody(json, "body", "bodyBase64", requestBody, redactor);
        } else {
            json.writeStringField("bodyMissing", redactor.mask(bodyMissingReason != null ? bodyMissingReason : cut));
        }
        json.writeEndObject();
        if (status >= 0) {
            json.writeObjectFieldStart("response");
            json.writeNumberField("status", status);
            HttpBodies.writeHeaders(json, "headers", responseHeaders, redactor);
            json.writeNumberField("headersAt", headersAt);
            json.writeArrayFieldStart("chunks");
            for (int i = 0; i < chunks.size(); i++) {
                json.writeStartObject();
                json.writeNumberField("at", chunkAt.get(i));
                HttpBodies.writeBody(json, "text", "base64", chunks.get(i), redactor);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        boolean complete = cut == null && failure == null && status >= 0;
        json.writeBooleanField("complete", complete);
        if (cut != null) {
            json.writeStringField("cut", cut);
        }
        if (failure != null) {
            json.writeObjectFieldStart("error");
            json.writeStringField("type", failure.getClass().getName());
            json.writeStringField("message", redactor.mask(String.valueOf(failure.getMessage())));
            json.writeEndObject();
        } else if (status < 0) {
            json.writeObjectFieldStart("error");
            json.writeStringField("type", "none");
            json.writeStringField("message", "the response never arrived before the end of the run");
            json.writeEndObject();
        }
    }
}
