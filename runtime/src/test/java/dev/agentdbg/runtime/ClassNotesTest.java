package dev.agentdbg.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class notes become {@code class} records: capped, redacted, and never a reason to open a trace file. */
class ClassNotesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void letGoOfWhatATestLeft() {
        while (ClassNotes.poll() != null) {
            // other tests of this JVM expect no class records
        }
    }

    @Test
    void aNoteWaitsInsideTheMemoryBudgetAndOneItRefusesIsCountedNotKept() {
        MemoryBudget previous = MemoryBudget.installed();
        ClassNotes.setMax(ClassNotes.taken() + 10);
        ClassNotes.Note note = new ClassNotes.Note("com.acme.CriticAgent", "noMethod", List.of("critic"), null,
                List.of("review"), 0);
        try {
            MemoryBudget budget = new MemoryBudget(note.bytes());
            MemoryBudget.install(budget);
            long before = ClassNotes.notNoted();
            assertTrue(ClassNotes.reserve());
            ClassNotes.add(note);
            assertEquals(note.bytes(), budget.reserved(), "reserved while it waits");
            assertTrue(ClassNotes.reserve());
            ClassNotes.add(new ClassNotes.Note("com.acme.Other", "nearby", List.of("critic"), null, List.of(), 0));
            assertEquals(before + 1, ClassNotes.notNoted(), "the budget refused the second note");
            assertEquals(note, ClassNotes.poll());
            assertNull(ClassNotes.poll(), "the refused note was not kept");
            assertEquals(0, budget.reserved(), "given back once taken for writing");
        } finally {
            MemoryBudget.install(previous);
        }
    }

    private static RunInfo run() {
        return RunInfo.forThisProcess(Instant.now(), "test", Map.of(), List.of(Map.of("name", "r", "kind", "tool")),
                List.of());
    }

    @Test
    void notesUpToTheCapAreWrittenBeforeTheFinalStatsAndTheRestCounted(@TempDir Path dir) throws Exception {
        ClassNotes.setMax(ClassNotes.taken() + 2); // the count is the JVM's: other tests may have taken places
        long before = ClassNotes.notNoted();
        try {
            assertTrue(ClassNotes.reserve());
            ClassNotes.add(new ClassNotes.Note("com.acme.CriticAgent", "noMethod", List.of("agents", "critic"), null,
                    List.of("review", "asksForAmount"), 0));
            assertTrue(ClassNotes.reserve());
            ClassNotes.add(new ClassNotes.Note("com.acme.Broken", "failed", List.of("tools"),
                    "java.lang.VerifyError: key sk-proj-TESTSECRET1234567890abcd", List.of("run"), 3));
            assertFalse(ClassNotes.reserve(), "the cap is reached");
            assertEquals(before + 1, ClassNotes.notNoted());

            SpanRings buffer = new SpanRings(256, 256);
            MethodRegistry registry = new MethodRegistry();
            MethodInfo tool = registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "r");
            Drainer drainer = new Drainer(buffer, registry, new TraceSettings(dir, 256, 50, 1 << 20, 2), run());
            drainer.start();
            Spans.install(buffer, 1_700_000_000_000_000_000L, System.nanoTime(), 3);
            Spans.exit(Spans.enter(tool.id()), null);
            drainer.finish(5_000);

            List<JsonNode> records = read(dir);
            List<JsonNode> classes = records.stream().filter(r -> r.get("type").asText().equals("class")).toList();
            assertEquals(2, classes.size(), records.toString());
            JsonNode critic = classes.get(0);
            assertEquals("com.acme.CriticAgent", critic.get("class").asText());
            assertEquals("noMethod", critic.get("outcome").asText());
            assertEquals("[\"agents\",\"critic\"]", critic.get("rules").toString());
            assertEquals("[\"review\",\"asksForAmount\"]", critic.get("methods").toString());
            assertNull(critic.get("reason"));
            assertNull(critic.get("moreMethods"));
            JsonNode broken = classes.get(1);
            assertEquals("java.lang.VerifyError: key [REDACTED]", broken.get("reason").asText(), "strings are redacted");
            assertEquals(3, broken.get("moreMethods").asInt());
            JsonNode stats = records.get(records.size() - 1);
            assertEquals("stats", stats.get("type").asText());
            assertEquals(before + 1, stats.get("classesNotNoted").asLong());
        } finally {
            ClassNotes.setMax(200);
        }
    }

    @Test
    void notesAloneOpenNoTraceFile(@TempDir Path dir) throws Exception {
        ClassNotes.setMax(ClassNotes.taken() + 1);
        assertTrue(ClassNotes.reserve());
        ClassNotes.add(new ClassNotes.Note("com.acme.Nearby", "nearby", List.of("r"), null, List.of(), 0));
        SpanRings buffer = new SpanRings(256, 256);
        Drainer drainer = new Drainer(buffer, new MethodRegistry(), new TraceSettings(dir, 256, 50, 1 << 20, 2), run());
        drainer.start();
        Thread.sleep(150); // a few flush intervals: the note waits, no file is made for it
        drainer.finish(5_000);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "a run that traced nothing has no file");
        }
    }

    private static List<JsonNode> read(Path dir) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }
}
