package dev.agentdbg.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Which llm span a request belongs to: on the thread that opened it, and on a thread that works for
 * it (a task handed over inside the span), as openai-java's async client sends from a pool thread.
 */
class OpenSpansTest {
    private final MethodRegistry registry = new MethodRegistry();
    private int llm;
    private int tool;

    @BeforeEach
    void install() {
        Spans.install(new SpanRings(64, 64), 0, System.nanoTime(), 11);
        CallCapture.useMethods(registry);
        llm = registry.register("com.acme.Model", "ask", "()V", "llm", "Model", "model").callSiteId();
        tool = registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "tool").callSiteId();
    }

    @AfterEach
    void uninstall() {
        CallCapture.useMethods(null);
        Spans.uninstall();
    }

    @Test
    void innermostLlmSpanOnItsOwnThreadAndOnAThreadWorkingForIt() throws Exception {
        assertEquals(0, OpenSpans.innermostOfKind("llm"), "nothing open");
        int outer = Spans.enter(llm);
        long llmSpan = OpenSpans.innermost();
        assertNotEquals(0, llmSpan);
        int inner = Spans.enter(tool);
        assertEquals(llmSpan, OpenSpans.innermostOfKind("llm"), "found below a tool span");
        Spans.exit(inner, null);
        TaskContext handedOver = Propagation.capture();
        long onPool = CompletableFuture.supplyAsync(() -> {
            long before = OpenSpans.innermostOfKind("llm");
            int token = Propagation.enterTask(handedOver);
            try {
                return before == 0 ? OpenSpans.innermostOfKind("llm") : -1;
            } finally {
                Propagation.exitTask(token);
            }
        }, r -> new Thread(r, "pool").start()).get(10, TimeUnit.SECONDS);
        Spans.exit(outer, null);
        assertEquals(llmSpan, onPool, "the remote frame stands for the llm span it was handed over from");
        assertEquals(0, OpenSpans.innermostOfKind("llm"));
    }

    @Test
    void aRemoteFrameOfAnotherKindIsNotAnLlmSpan() throws Exception {
        int t = Spans.enter(tool);
        TaskContext handedOver = Propagation.capture();
        Spans.exit(t, null);
        long onPool = CompletableFuture.supplyAsync(() -> {
            int token = Propagation.enterTask(handedOver);
            try {
                return OpenSpans.innermostOfKind("llm");
            } finally {
                Propagation.exitTask(token);
            }
        }, r -> new Thread(r, "pool").start()).get(10, TimeUnit.SECONDS);
        assertEquals(0, onPool);
    }
}
