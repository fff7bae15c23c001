package dev.agentdbg.replay;

import com.sun.net.httpserver.HttpServer;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.replay.http.JdkHttp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One LLM call made with the JDK's {@code HttpClient.send(request, BodyHandlers.ofString())}, answered
 * two ways: {@code loopback} by a real HTTP server on 127.0.0.1 (the cheapest network answer there is),
 * {@code replayed} by agentdbg's java.net.http adapter from a recording: the request matched, compared
 * and marked served, the application's body handler fed the recorded bytes, the response built. The
 * advice's own cost (one static call) is left out: no agent is attached.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ReplayVsLoopbackBenchmark {
    private HttpServer server;
    private HttpClient client;
    private HttpRequest loopbackRequest;
    private HttpRequest replayedRequest;
    private final JdkHttp adapter = new JdkHttp();
    private int token;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.length() < 1000) {
            text.append("The three largest risks are currency, supply and rates. ");
        }
        byte[] answer = ("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What are the risks?\"}]}";
        // Without it the JDK's server waits for delayed ACKs (about 40 ms a call): the loopback figure
        // would be the kernel's timer, not the cost of a network answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI live = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
        loopbackRequest = HttpRequest.newBuilder(live).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        replayedRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();

        MethodRegistry registry = new MethodRegistry();
        MethodInfo llm = registry.register("com.acme.Llm", "chat", "()V", "llm", "Llm", "llm");
        CallCapture.useMethods(registry);
        Spans.install(new SpanRings(1024, 1024), 0, System.nanoTime(), 13);
        SideRecords.open();
        RecordedExchange recorded = new RecordedExchange(1, "POST /v1/chat/completions", JdkHttp.CLIENT,
                body.getBytes(StandardCharsets.UTF_8), 200, Map.of("content-type", List.of("application/json")), 1000,
                List.of(answer), new long[] {2000}, null);
        ReplayMode.install(new ReplaySettings("replay", 4 << 20, "run-1", Set.of("llm"), false, false, false, -1,
                Map.of(), false, Set.of(), List.of()),
                new ReplayStore("run-1", List.of(recorded), List.of(), Map.of(), List.of(), "bench"));
        token = Spans.enter(llm.id()); // the llm span the calls are made in
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Spans.exit(token, null);
        Spans.uninstall();
        server.stop(0);
    }

    @Benchmark
    public String loopback() throws Exception {
        return client.send(loopbackRequest, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public String replayed() {
        HttpReplay.reset(); // the same recorded answer for every call
        ReplayedHttpCall call = (ReplayedHttpCall) adapter.begin(replayedRequest);
        call.send(replayedRequest, HttpResponse.BodyHandlers.ofString());
        SideRecords.release(SideRecords.poll()); // the replayed record, taken as the drainer would
        return ((HttpResponse<String>) call.response()).body();
    }
}
