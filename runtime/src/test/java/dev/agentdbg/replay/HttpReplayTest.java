package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serving replayed HTTP requests: order and content matching, divergence, strictness, exhaustion and the forks. */
class HttpReplayTest {
    private static final URI URL = URI.create("http://127.0.0.1:1/v1/chat/completions");
    private MethodInfo llm;
    private MethodInfo tool;

    @BeforeEach
    void openSession() {
        MethodRegistry registry = new MethodRegistry();
        llm = registry.register("com.acme.Llm", "chat", "()V", "llm", "Llm", "llm");
        tool = registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "tool");
        CallCapture.useMethods(registry);
        Spans.install(new SpanRings(256, 256), 0, System.nanoTime(), 7);
        HttpReplay.reset();
    }

    @AfterEach
    void closeSession() {
        Spans.uninstall();
        ReplayMode.install(ReplaySettings.TRACE_ONLY, null);
    }

    private static RecordedExchange recorded(int call, String question, String answer) {
        byte[] request = ("{\"model\":\"m\",\"user\":\"u-" + call + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}").getBytes(StandardCharsets.UTF_8);
        return new RecordedExchange(call, "POST /v1/chat/completions", "java.net.http", request, 200,
                Map.of("content-type", List.of("application/json")), 1000,
                List.of(("{\"answer\":\"" + answer + "\"}").getBytes(StandardCharsets.UTF_8)), new long[] {2000}, null);
    }

    private static byte[] ask(String question) {
        return ("{\"model\":\"m\",\"user\":\"someone else\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question
                + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private void replay(ReplaySettings settings, RecordedExchange... exchanges) {
        ReplayMode.install(settings, new ReplayStore("run-1", List.of(exchanges), List.of(), Map.of(), List.of(), "test"));
    }

    private static ReplaySettings settings(boolean content, boolean strict, boolean live, int until, Map<Integer, Path> overrides) {
        return new ReplaySettings("replay", 1 << 20, "run-1", Set.of("llm"), content, strict, live, until, overrides,
                false, Set.of(), List.of());
    }

    /** Runs {@code call} inside an open span of {@code method}, as an instrumented LLM method would. */
    private static <T> T inside(MethodInfo method, Supplier<T> call) {
        int token = Spans.enter(method.id());
        try {
            return call.get();
        } finally {
            Spans.exit(token, null);
        }
    }

    private String served(String question) {
        ServedExchange s = inside(llm, () -> HttpReplay.serve("java.net.http", "POST", URL, Map.of(), ask(question)));
        return s == null ? null : new String(s.body(), StandardCharsets.UTF_8);
    }

    @Test
    void orderMatchingServesInRecordedOrderAndIgnoresVolatileFieldsAndTheHost() {
        replay(settings(false, false, false, -1, Map.of()), recorded(1, "a", "A"), recorded(2, "b", "B"));
        int before = ReplayEvents.divergences();
        assertEquals("{\"answer\":\"A\"}", served("a"));
        assertEquals("{\"answer\":\"B\"}", served("b"));
        assertEquals(before, ReplayEvents.divergences(), "the user field is volatile: no divergence");
    }

    @Test
    void contentMatchingServesTheAnswerToTheSameQuestionWhateverTheOrder() {
        replay(settings(true, false, false, -1, Map.of()), recorded(1, "a", "A"), recorded(2, "b", "B"));
        int before = ReplayEvents.divergences();
        assertEquals("{\"answer\":\"B\"}", served("b"));
        assertEquals("{\"answer\":\"A\"}", served("a"));
        assertEquals(before, ReplayEvents.divergences());
    }

    @Test
    void orderMatchingReportsADivergenceAndStrictModeFailsWithTheDifference() {
        replay(settings(false, false, false, -1, Map.of()), recorded(1, "a", "A"));
        int before = ReplayEvents.divergences();
        assertEquals("{\"answer\":\"A\"}", served("changed"));
        assertEquals(before + 1, ReplayEvents.divergences());

        HttpReplay.reset();
        replay(settings(false, true, false, -1, Map.of()), recorded(1, "a", "A"));
        ReplayException e = assertThrows(ReplayException.class, () -> served("changed"));
        assertTrue(e.getMessage().contains("messages[0].content: \"a\" -> \"changed\""), e.getMessage());
        assertTrue(e.getMessage().contains("LLM call 1 (POST /v1/chat/completions)"), e.getMessage());
    }

    @Test
    void moreCallsThanRecordedFailWithACountOrGoLive() {
        replay(settings(false, false, false, -1, Map.of()), recorded(1, "a", "A"));
        served("a");
        ReplayException e = assertThrows(ReplayException.class, () -> served("b"));
        assertTrue(e.getMessage().contains("asked for answer 2 of that endpoint, but run run-1 recorded 1 answer"),
                e.getMessage());

        HttpReplay.reset();
        replay(settings(false, false, true, -1, Map.of()), recorded(1, "a", "A"));
        served("a");
        assertNull(served("b"), "onMissing=live lets the call through");
    }

    @Test
    void untilServesTheFirstCallsThenGoesLive() {
        replay(settings(false, false, false, 1, Map.of()), recorded(1, "a", "A"), recorded(2, "b", "B"));
        assertEquals("{\"answer\":\"A\"}", served("a"));
        assertNull(served("b"));
    }

    @Test
    void anOverrideServesTheEditedAnswer(@TempDir Path dir) throws Exception {
        Path edited = Files.writeString(dir.resolve("answer.json"), "{\"answer\":\"what if\"}");
        replay(settings(false, false, false, -1, Map.of(2, edited)), recorded(1, "a", "A"), recorded(2, "b", "B"));
        assertEquals("{\"answer\":\"A\"}", served("a"));
        assertEquals("{\"answer\":\"what if\"}", served("b"));
    }

    @Test
    void requestsOutsideAnLlmSpanAreNeverServed() {
        replay(settings(false, false, false, -1, Map.of()), recorded(1, "a", "A"));
        assertNull(inside(tool, () -> HttpReplay.serve("java.net.http", "POST", URL, Map.of(), ask("a"))));
        assertNull(HttpReplay.serve("java.net.http", "POST", URL, Map.of(), ask("a")));
        assertEquals("{\"answer\":\"A\"}", served("a"), "the answer is still there for the LLM call");
    }

    @Test
    void anUnservableRecordingSaysWhy() {
        RecordedExchange cut = new RecordedExchange(1, "POST /v1/chat/completions", "java.net.http", null, 200, Map.of(),
                0, List.of(), new long[0], "cut: the response passed agentdbg.record.maxBytes (1024 bytes)");
        replay(settings(false, false, false, -1, Map.of()), cut);
        ReplayException e = assertThrows(ReplayException.class, () -> served("a"));
        assertTrue(e.getMessage().contains("cannot be served: cut: the response passed agentdbg.record.maxBytes"),
                e.getMessage());
    }
}
