package dev.agentdbg.replay.values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayStore;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;
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

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Record and replay of one tool call's value, on the application thread, for a search tool that
 * takes a query and returns a record of ten hits (records with a URL, a rank, an enum and a list of
 * tags; about 1 KB encoded). {@code recordToolCall} is what record mode adds to the call inside its
 * span: the arguments' snapshot at entry, the Kryo encoding at exit and the hand-over to the drainer
 * (base64, the arguments' text and the JSON line are the drainer's). {@code encodeOnly} is the Kryo
 * part alone. {@code serveToolCall} is what a replayed call costs instead of running the tool:
 * rendering the live arguments, matching them to the recording and rebuilding the value. No agent,
 * no file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ValueRecordBenchmark {
    public enum Source { WEB, CACHE }

    public record Hit(String url, int rank, Source source, List<String> tags) {
    }

    public record SearchResult(String query, List<Hit> hits, double cost) {
    }

    private MethodInfo tool;
    private SearchResult result;
    private Object[] args;
    private Object state;
    private int token;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hits.add(new Hit("https://example.org/articles/" + i + "/jvm-agents-and-tracing", i + 1,
                    i % 2 == 0 ? Source.WEB : Source.CACHE, List.of("jvm", "agents", "tracing")));
        }
        result = new SearchResult("how do JVM agents trace LLM calls", hits, 0.0125);
        args = new Object[] {"how do JVM agents trace LLM calls"};
        MethodRegistry registry = new MethodRegistry();
        tool = registry.register("com.acme.SearchTool", "search", "(Ljava/lang/String;)Ljava/lang/Object;", "tool",
                "SearchTool", "tools");
        CallCapture.useMethods(registry);
        Spans.install(new SpanRings(1024, 1024), 0, System.nanoTime(), 11);
        SideRecords.open();
        ReplayMode.install(settings("record"), null);
        state = Spans.state();
        token = Spans.enter(state, tool.callSiteId()); // the tool's span the calls happen in
        if (params.getBenchmark().endsWith("serveToolCall")) {
            ObjectNode recorded = recordOnce();
            ReplaySettings replay = settings("replay");
            ReplayStore store = new ReplayStore("run-1", List.of(), List.of(recorded), Map.of(), List.of(), "bench");
            ReplayMode.install(replay, store);
            ValueReplay.install(store, replay);
        }
    }

    /** One call recorded and written as the drainer writes it. */
    private ObjectNode recordOnce() throws Exception {
        ValueRecords.exit(ValueRecords.enter(tool.callSiteId(), args), result, null);
        SideRecord r = SideRecords.poll();
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("type", r.type());
            r.writeFields(g, Redactor.current());
            g.writeEndObject();
        }
        SideRecords.release(r);
        return (ObjectNode) new ObjectMapper().readTree(text.toString());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Spans.exit(state, token, null);
        Spans.uninstall();
        ReplayMode.install(ReplaySettings.TRACE_ONLY, null);
    }

    @Benchmark
    public Object recordToolCall() {
        Object pending = ValueRecords.enter(tool.callSiteId(), args);
        ValueRecords.exit(pending, result, null);
        SideRecord written = SideRecords.poll(); // what the drainer does, so the queue does not grow
        SideRecords.release(written);
        return written;
    }

    @Benchmark
    public Object encodeOnly() {
        return ValueCodec.encode(result, null, 4 << 20);
    }

    @Benchmark
    public Object serveToolCall() {
        ValueReplay.rewind(); // the same recorded value for every call
        Object served = ValueReplay.serve(tool.callSiteId(), args, ValueRecordBenchmark.class);
        SideRecord replayed = SideRecords.poll(); // the "replayed" record, taken as the drainer would
        SideRecords.release(replayed);
        return served;
    }

    private static ReplaySettings settings(String mode) {
        return new ReplaySettings(mode, 4 << 20, "", Set.of("llm", "tool"), false, false, false, -1, Map.of(), false,
                Set.of(), List.of());
    }
}
