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
import dev.agentdbg.replay.ReplayEvents;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayStore;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tool's calls recorded through the drainer's record format, then served: order, content, divergence, exhaustion. */
class ValueReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private MethodInfo tool;

    record Answer(String text, List<Integer> scores) {
    }

    static final class Creds {
        final String user;
        final String apiKey;

        Creds(String user, String apiKey) {
            this.user = user;
            this.apiKey = apiKey;
        }
    }

    @BeforeEach
    void record() {
        MethodRegistry registry = new MethodRegistry();
        tool = registry.register("com.acme.Tool", "run", "(Ljava/lang/Object;)Ljava/lang/Object;", "tool", "Tool", "tools");
        CallCapture.useMethods(registry);
        Spans.install(new SpanRings(256, 256), 0, System.nanoTime(), 7);
        SideRecords.discardRemaining();
        SideRecords.open();
        ValueRecords.reset();
        ReplayMode.install(settings("record", false, false, false), null);
    }

    @AfterEach
    void end() {
        Spans.uninstall();
        SideRecords.discardRemaining();
        ValueReplay.reset();
        ReplayMode.install(ReplaySettings.TRACE_ONLY, null);
    }

    private static ReplaySettings settings(String mode, boolean content, boolean strict, boolean live) {
        return new ReplaySettings(mode, 1 << 20, "", Set.of("llm", "tool"), content, strict, live, -1, Map.of(), false,
                Set.of(), List.of());
    }

    private void call(Object arg, Object result, Throwable thrown) {
        Object state = Spans.state();
        int token = Spans.enter(state, tool.callSiteId());
        Object pending = ValueRecords.enter(tool.callSiteId(), new Object[] {arg});
        ValueRecords.exit(pending, result, thrown);
        Spans.exit(state, token, thrown);
    }

    /** The value records as the drainer writes them, read back as the recording reader does. */
    private static List<ObjectNode> written() throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        SideRecord r;
        while ((r = SideRecords.poll()) != null) {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                g.writeStartObject();
                g.writeStringField("type", r.type());
                r.writeFields(g, Redactor.current());
                g.writeEndObject();
            }
            SideRecords.release(r);
            out.add((ObjectNode) JSON.readTree(text.toString()));
        }
        return out;
    }

    private Object serve(ReplaySettings s, List<ObjectNode> values, Object arg) {
        Object state = Spans.state();
        int token = Spans.enter(state, tool.callSiteId());
        try {
            return ValueReplay.serve(tool.callSiteId(), new Object[] {arg}, getClass());
        } finally {
            Spans.exit(state, token, null);
        }
    }

    private static void replay(ReplaySettings s, List<ObjectNode> values) {
        ReplayStore store = new ReplayStore("run-1", List.of(), values, Map.of(), List.of(), "test");
        ReplayMode.install(s, store);
        ValueReplay.install(store, s);
    }

    @Test
    void servesInRecordedOrderThenSaysWhatIsMissing() throws IOException {
        call("a", new Answer("A", List.of(1, 2)), null);
        call("b", null, new IOException("disk full"));
        List<ObjectNode> values = written();
        assertEquals(2, values.size(), values.toString());
        assertEquals("com.acme.Tool#run(Ljava/lang/Object;)Ljava/lang/Object;", values.get(0).get("key").asText());
        assertEquals("[\"a\"]", values.get(0).get("args").asText());
        assertEquals(2, values.get(1).get("call").asInt());
        assertEquals("throw", values.get(1).get("outcome").asText());

        ReplaySettings s = settings("replay", false, false, false);
        replay(s, values);
        ReplayPlan.Entry line = Trace.only(ValueReplay.plan());
        assertEquals(2, line.recorded());
        assertEquals(2, line.served());

        ValueReplay.Served first = assertInstanceOf(ValueReplay.Served.class, serve(s, values, "a"));
        assertEquals(new Answer("A", List.of(1, 2)), first.value());
        ValueReplay.Served second = assertInstanceOf(ValueReplay.Served.class, serve(s, values, "b"));
        assertInstanceOf(IOException.class, second.thrown());
        assertEquals("disk full", second.thrown().getMessage());
        ValueReplay.Served third = assertInstanceOf(ValueReplay.Served.class, serve(s, values, "c"));
        ReplayException missing = assertInstanceOf(ReplayException.class, third.thrown());
        assertEquals("agentdbg replay: call 3 of com.acme.Tool#run(Ljava/lang/Object;)Ljava/lang/Object; asked for "
                + "recorded value 3, but run run-1 recorded 2 calls of it; set agentdbg.replay.onMissing=live to run the"
                + " method for real beyond the recording", missing.getMessage());

        ReplaySettings live = settings("replay", false, false, true);
        replay(live, values);
        serve(live, values, "a");
        serve(live, values, "b");
        Object beyond = serve(live, values, "c");
        assertFalse(beyond instanceof ValueReplay.Served, "onMissing=live runs the method");
        ValueReplay.finished(beyond);
    }

    @Test
    void contentMatchingFollowsTheArgumentsAndDivergenceIsReported() throws IOException {
        call("a", "A", null);
        call("b", "B", null);
        List<ObjectNode> values = written();
        ReplaySettings content = settings("replay", true, false, false);
        replay(content, values);
        int before = ReplayEvents.divergences();
        assertEquals("B", ((ValueReplay.Served) serve(content, values, "b")).value());
        assertEquals("A", ((ValueReplay.Served) serve(content, values, "a")).value());
        assertEquals(before, ReplayEvents.divergences());

        ReplaySettings order = settings("replay", false, false, false);
        replay(order, values);
        assertEquals("A", ((ValueReplay.Served) serve(order, values, "x")).value(), "order serves, and reports");
        assertEquals(before + 1, ReplayEvents.divergences());

        ReplaySettings strict = settings("replay", false, true, false);
        replay(strict, values);
        Throwable t = ((ValueReplay.Served) serve(strict, values, "x")).thrown();
        assertInstanceOf(ReplayException.class, t);
        assertTrue(t.getMessage().startsWith("agentdbg replay (strict): tool call 1 of com.acme.Tool#run("), t.getMessage());
        assertTrue(t.getMessage().contains("recorded: [\"a\"]\n  now:      [\"x\"]"), t.getMessage());
    }

    @Test
    void unrebuildableAndSecretValuesAreNotRecordedAndThePlanSaysWhy() throws IOException {
        try (Socket socket = new Socket()) {
            call("s", socket, null);
        }
        call("k", "key sk-proj-abcdefghijklmnopqrstuvwx", null);
        call(new Creds("ann", "hunter2"), new Creds("ann", "hunter2"), null);
        List<ObjectNode> values = written();
        assertEquals("java.net.Socket: a socket is a connection of this process", values.get(0).get("unrebuildable").asText());
        assertNull(values.get(1).get("kryo"));
        assertEquals("the value holds text that looks like a secret; it is not recorded", values.get(1).get("cut").asText());
        assertFalse(values.get(2).get("args").asText().contains("hunter2"), values.get(2).get("args").asText());
        assertTrue(values.get(2).has("kryo"));

        ReplaySettings s = settings("replay", false, false, false);
        replay(s, values);
        ReplayPlan.Entry line = Trace.only(ValueReplay.plan());
        assertEquals(3, line.recorded());
        assertEquals(1, line.served());
        assertEquals(List.of("call 1: unrebuildable: java.net.Socket: a socket is a connection of this process",
                "call 2: cut: the value holds text that looks like a secret; it is not recorded"), line.reasons());
        Throwable t = ((ValueReplay.Served) serve(s, values, "s")).thrown();
        assertTrue(t.getMessage().endsWith("which cannot be served: unrebuildable: java.net.Socket: a socket is a "
                + "connection of this process"), t.getMessage());
        serve(s, values, "k");
        Creds back = (Creds) ((ValueReplay.Served) serve(s, values, new Creds("ann", "hunter2"))).value();
        assertEquals("ann", back.user);
        assertNull(back.apiKey, "a field named like a secret is never recorded");
    }

    @Test
    void theGoldenRecordingsValuesArePlannedAndServed() throws Exception {
        java.nio.file.Path golden = java.nio.file.Path.of(getClass().getResource("/golden/recording.jsonl").toURI());
        ReplaySettings s = settings("replay", false, false, false);
        ReplayStore store = dev.agentdbg.replay.RecordingReader.load(golden.toString(), golden.getParent());
        ReplayMode.install(s, store);
        ValueReplay.install(store, s);
        Map<String, ReplayPlan.Entry> byKey = new java.util.HashMap<>();
        ValueReplay.plan().forEach(e -> byKey.put(e.key().substring(e.key().lastIndexOf('.') + 1), e));
        assertEquals(1, byKey.get("WeatherTool#forecast(Ljava/lang/String;)Ljava/lang/String;").served());
        assertEquals(List.of("call 1: unrebuildable: java.net.Socket: a socket is a connection of this process"),
                byKey.get("DbTool#connect(Ljava/lang/String;)Ljava/net/Socket;").reasons());
        assertEquals(0, byKey.get("SearchTool#search(Ljava/lang/String;)Ljava/util/List;").served());

        MethodRegistry registry = new MethodRegistry();
        tool = registry.register("com.acme.assistant.tools.WeatherTool", "forecast",
                "(Ljava/lang/String;)Ljava/lang/String;", "tool", "WeatherTool", "weather");
        CallCapture.useMethods(registry);
        ValueReplay.Served served = (ValueReplay.Served) serve(s, List.of(), "Paris");
        assertEquals("Sunny, 21 C", served.value(), "the golden Kryo bytes rebuild; no arguments recorded: no divergence");
    }

    /** Small helpers. */
    static final class Trace {
        static ReplayPlan.Entry only(List<ReplayPlan.Entry> entries) {
            assertEquals(1, entries.size(), entries.toString());
            return entries.get(0);
        }
    }
}
