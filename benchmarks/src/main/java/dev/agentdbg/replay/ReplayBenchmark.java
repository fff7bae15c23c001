package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Record and replay of one LLM call at the HTTP layer, on the application thread, for a chat request of
 * about 2 KB and an answer of about 1 KB. {@code recordCall} is what record mode adds to a call: the
 * exchange begun under the llm span, the response head, the body and the hand-over to the drainer
 * (the drainer's encoding is not on the application thread; the benchmark only takes the record back).
 * {@code serveCall} is what a replayed call costs instead of the network: matching the request to the
 * recording, comparing it with the recorded one (JSON trees, volatile fields left out) and marking it
 * served. No agent, no file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ReplayBenchmark {
    private static final URI URL = URI.create("http://127.0.0.1:1/v1/chat/completions");
    private final Map<String, List<String>> requestHeaders = Map.of("Content-Type", List.of("application/json"));
    private final Map<String, List<String>> responseHeaders = Map.of("content-type", List.of("application/json"));
    private MethodInfo llm;
    private byte[] request;
    private byte[] answer;
    private int token;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        StringBuilder prompt = new StringBuilder();
        while (prompt.length() < 2000) {
            prompt.append("Summarise the quarterly report and list the three largest risks. ");
        }
        request = ("{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are a careful analyst.\"},{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1000) {
            text.append("The three largest risks are currency, supply and rates. ");
        }
        answer = ("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":500,\"completion_tokens\":250}}")
                .getBytes(StandardCharsets.UTF_8);
        MethodRegistry registry = new MethodRegistry();
        llm = registry.register("com.acme.Llm", "chat", "()V", "llm", "Llm", "llm");
        CallCapture.useMethods(registry);
        Spans.install(new SpanRings(1024, 1024), 0, System.nanoTime(), 11);
        SideRecords.open();
        RecordedExchange recorded = new RecordedExchange(1, "POST /v1/chat/completions", "java.net.http", request, 200,
                responseHeaders, 1000, List.of(answer), new long[] {2000}, null);
        boolean serving = params.getBenchmark().endsWith("serveCall");
        ReplayMode.install(serving ? replaySettings() : recordSettings(),
                new ReplayStore("run-1", List.of(recorded), List.of(), Map.of(), List.of(), "bench"));
        token = Spans.enter(llm.id()); // the llm span the calls happen in
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Spans.exit(token, null);
        Spans.uninstall();
    }

    @Benchmark
    public Object recordCall() {
        HttpExchange exchange = HttpRecorder.begin("java.net.http", "POST", URL, requestHeaders, request, null);
        exchange.head(200, responseHeaders);
        exchange.chunk(answer, 0, answer.length);
        exchange.end(null);
        SideRecord written = SideRecords.poll(); // what the drainer does, so the queue does not grow
        SideRecords.release(written);
        return written;
    }

    @Benchmark
    public Object serveCall() {
        HttpReplay.reset(); // the same recorded answer for every call
        ServedExchange served = HttpReplay.serve("java.net.http", "POST", URL, requestHeaders, request);
        SideRecords.release(SideRecords.poll()); // the replayed record, taken as the drainer would
        return served;
    }

    private static ReplaySettings recordSettings() {
        return new ReplaySettings("record", 4 << 20, "", Set.of("llm"), false, false, false, -1, Map.of(), false,
                Set.of(), List.of());
    }

    private static ReplaySettings replaySettings() {
        return new ReplaySettings("replay", 4 << 20, "run-1", Set.of("llm"), false, false, false, -1, Map.of(), false,
                Set.of(), List.of());
    }
}
