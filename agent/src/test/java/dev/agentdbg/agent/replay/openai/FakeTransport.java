package dev.agentdbg.agent.replay.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport in the shape of openai-java's OkHttp client: the "network" answers every request with
 * the same status, headers and body, handed out one piece per read. The tests inline the agent's
 * advice into a copy of this class.
 */
public class FakeTransport implements HttpClient {

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        Network.CALLS.incrementAndGet();
        return new Response(Network.pieces);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        Network.CALLS.incrementAndGet();
        CompletableFuture<HttpResponse> f = new CompletableFuture<>();
        List<String> answer = Network.pieces;
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100); // the network's latency: the caller has returned and listens by then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.complete(new Response(answer));
        }, "fake-okhttp");
        t.start();
        return f;
    }

    @Override
    public void close() {
    }

    /** What the fake network did and will answer; apart from the transport, whose instrumented copy has its own loader. */
    public static final class Network {
        public static final AtomicInteger CALLS = new AtomicInteger();
        public static volatile List<String> pieces = List.of("{\"a\":", "1}");

        private Network() {
        }
    }

    /** A network response whose body arrives in the given pieces. */
    public static final class Response implements HttpResponse {
        private final InputStream body;

        public Response(List<String> pieces) {
            body = new InputStream() {
                private int piece;
                private int pos;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (piece == pieces.size()) {
                        return -1;
                    }
                    byte[] p = pieces.get(piece).getBytes(StandardCharsets.UTF_8);
                    int n = Math.min(len, p.length - pos);
                    System.arraycopy(p, pos, b, off, n);
                    pos += n;
                    if (pos == p.length) {
                        piece++;
                        pos = 0;
                    }
                    return n;
                }
            };
        }

        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public Headers headers() {
            return Headers.builder().put("content-type", "text/event-stream").put("x-request-id", "req_1")
                    .put("set-cookie", "session=secret").build();
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
        }
    }
}
