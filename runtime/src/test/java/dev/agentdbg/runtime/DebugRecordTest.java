package dev.agentdbg.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.DebugFeed;
import dev.agentdbg.runtime.debug.DebugSession;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.Waits;
import dev.agentdbg.runtime.debug.feed.LiveFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugger's events as the drainer writes them: {@code debug} records through the side-record queue,
 * inside the memory budget, every string redacted; and the same events on the live feed.
 */
class DebugRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void close() {
        SideRecords.discardRemaining();
        SideRecords.close();
        MemoryBudget.install(null);
        PauseGate.arm(null);
    }

    private static List<JsonNode> drain(RecordEncoder encoder) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        SideRecord r;
        while ((r = SideRecords.poll()) != null) {
            LineBuffer line = encoder.side(r);
            out.add(JSON.readTree(new String(line.array(), 0, line.size(), StandardCharsets.UTF_8)));
            SideRecords.release(r);
        }
        return out;
    }

    @Test
    void pauseReleaseWarningEditAndBreakpointRecords() throws Exception {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        MemoryBudget.install(budget);
        SideRecords.open();
        MethodRegistry registry = new MethodRegistry();
        MethodInfo chat = registry.register("com.acme.Chat", "chat", "()V", "llm", "openai", "llm");
        LiveFeed live = new LiveFeed(1 << 20, budget);
        DebugFeed feed = new DebugFeed(registry::get, live, null);
        DebugSettings settings = new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 3_600_000,
                3_600_000, List.of());
        try (DebugSession session = DebugSession.start(settings, registry::get, feed)) {
            feed.attach(session);
            Thread app = new Thread(() -> session.board().pause(PauseGate.AT_EXIT, chat.id(), 2, 0x1234L, 0x5678L,
                    0xabcL, null, new IllegalStateException("boom"), "llm"), "app-1");
            app.start();
            long id = Waits.pausedIds(session.board(), 1).get(0);
            assertTrue(budget.reserved() > 0, "a record waiting for the drainer holds budget");
            session.board().resume(id, dev.agentdbg.runtime.debug.PauseBoard.Command.STEP_OUT);
            app.join(60_000);
            feed.warning("breakpoint x: token=abcdefghijklmnopqrstuvwxyz0123456789 could not be evaluated");
            feed.edited(0x1234L, 0x5678L, 0xabcL, "result", "{\"password\":\"hunter2\"}", "Paris");
            session.breakpoints().put(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("kind:llm"), PauseGate.AT_ENTER));
            feed.breakpointsChanged(session.breakpoints(), "set", session.breakpoints().list().get(0), "llm");
        }
        List<JsonNode> records = drain(new RecordEncoder(0, registry));
        assertEquals(List.of("pause", "release", "warning", "edit", "breakpoint"),
                records.stream().map(r -> r.get("event").asText()).toList());
        for (JsonNode r : records) {
            assertEquals("debug", r.get("type").asText());
            assertTrue(r.get("time").asLong() > 0);
        }
        JsonNode pause = records.get(0);
        assertEquals("00000000000012340000000000005678", pause.get("trace").asText());
        assertEquals("0000000000000abc", pause.get("span").asText());
        assertEquals("app-1", pause.get("thread").asText());
        assertEquals("exit", pause.get("at").asText());
        assertEquals(chat.id(), pause.get("method").asInt());
        assertEquals("llm", pause.get("breakpoint").asText());
        JsonNode release = records.get(1);
        assertEquals("step_out", release.get("command").asText());
        assertEquals("command", release.get("reason").asText());
        assertTrue(release.get("pausedNanos").asLong() >= 0);
        assertFalse(records.get(2).get("text").asText().contains("abcdefghijklmnop"), records.get(2).toString());
        JsonNode edit = records.get(3);
        assertEquals("result", edit.get("target").asText());
        assertFalse(edit.get("before").asText().contains("hunter2"), edit.toString());
        assertEquals("Paris", edit.get("after").asText());
        JsonNode bp = records.get(4);
        assertEquals("set", bp.get("command").asText());
        assertEquals("kind:llm", bp.get("target").asText());
        assertEquals(live.heldBytes(), budget.reserved(), "written records gave their bytes back; the backlog keeps its own");

        List<String> names = live.after(0, 0).events().stream().map(LiveFeed.Event::name).toList();
        assertEquals(List.of("paused", "released", "warning", "edit", "breakpoints"), names);
        String paused = live.after(0, 0).events().get(0).text();
        assertTrue(paused.contains("\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"boom\"}"), paused);
    }
}
