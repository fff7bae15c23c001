package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run rotated into {@code <runId>.jsonl} and {@code <runId>.1.jsonl} reads as one run. */
class RotatedRunTest {

    @TempDir
    Path dir;

    /**
     * Splits the sample as the agent would rotate it: part 0 ends with non-final stats after the sub-agent's
     * span; part 1 starts with its own run record and repeats the method records it needs. The planner's
     * children are in part 0 and the planner itself in part 1, so self time must carry across files.
     */
    @BeforeEach
    void writeRotatedRun() throws Exception {
        List<String> lines = Traces.sampleLines();
        Map<Integer, String> methodLines = new HashMap<>();
        List<String> part0 = new ArrayList<>();
        List<String> part1 = new ArrayList<>();
        int split = -1;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode r = Traces.parse(lines.get(i));
            if ("method".equals(r.path("type").asText())) {
                methodLines.put(r.path("id").asInt(), lines.get(i));
            }
            if (split < 0) {
                part0.add(lines.get(i));
                if (r.path("method").asInt() == 7 && "span".equals(r.path("type").asText())) {
                    split = i + 1;
                }
            }
        }
        int spansInPart0 = (int) part0.stream().filter(l -> "span".equals(Traces.type(l))).count();
        part0.add("{\"type\":\"stats\",\"final\":false,\"at\":\"2026-11-22T00:30:14.600000Z\","
                + "\"endNanos\":1795307414600000000,\"spans\":" + spansInPart0 + ",\"dropped\":0,\"internalErrors\":0,"
                + "\"methodsInstrumented\":8,\"classesTransformed\":8,\"transformFailures\":0,\"bytes\":5000,\"files\":1}");
        part1.add(Traces.with(lines.get(0), "part", 1));
        Set<Integer> described = new HashSet<>();
        for (String line : lines.subList(split, lines.size())) {
            JsonNode r = Traces.parse(line);
            String type = r.path("type").asText();
            if ("span".equals(type) && described.add(r.path("method").asInt())) {
                part1.add(methodLines.get(r.path("method").asInt()));
            }
            if ("method".equals(type) && !described.add(r.path("id").asInt())) {
                continue;
            }
            part1.add("stats".equals(type) ? Traces.with(line, "files", 2) : line);
        }
        assertTrue(part1.stream().anyMatch(l -> l.contains("\"span\":\"" + Traces.PLANNER_SPAN + "\"")));
        Traces.write(dir.resolve(Traces.RUN_ID + ".jsonl"), part0);
        Traces.write(dir.resolve(Traces.RUN_ID + ".1.jsonl"), part1);
    }

    @Test
    void bothPartsAreReadAsOneRun() {
        Cli.Result result = Cli.run("summary", dir.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = Traces.parse(result.out());
        JsonNode files = json.path("input").path("files");
        assertEquals(2, files.size());
        assertEquals(0, files.get(0).path("part").asInt());
        assertTrue(files.get(0).path("path").asText().endsWith(Traces.RUN_ID + ".jsonl"));
        assertEquals(1, files.get(1).path("part").asInt());
        assertEquals(13, json.path("spans").path("total").asInt());
        assertEquals(0, json.path("warnings").size(), json.path("warnings").toString());
        assertTrue(json.path("agentStats").path("final").asBoolean(), "the last part's final stats win");
        assertEquals(2, json.path("agentStats").path("files").asInt());
        assertEquals(0, json.path("input").path("otherRuns").size());

        JsonNode planner = json.path("slowest").get(0);
        assertEquals(Traces.PLANNER_SPAN, planner.path("span").asText());
        assertEquals(212_062_161L, planner.path("selfNanos").asLong(), "children in part 0, parent in part 1");
        JsonNode firstTrace = json.path("timeline").path("traces").get(0);
        assertEquals(10, firstTrace.path("lines").size());
        assertEquals(0, firstTrace.path("lines").get(0).path("depth").asInt());
        assertEquals("PlannerAgent.run", firstTrace.path("lines").get(0).path("name").asText());

        String text = Cli.run("summary", dir.toString()).out();
        assertTrue(text.contains("files read            " + dir.resolve(Traces.RUN_ID + ".jsonl") + " (part 0, "), text);
        assertTrue(text.contains("                      " + dir.resolve(Traces.RUN_ID + ".1.jsonl") + " (part 1, "));
    }

    @Test
    void namingOnePartSaysTheOthersExist() {
        Cli.Result result = Cli.run("summary", dir.resolve(Traces.RUN_ID + ".jsonl").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("! run " + Traces.RUN_ID + " has other part(s) next to this file ("
                + Traces.RUN_ID + ".1.jsonl); pass the directory to read the whole run"), result.out());
        assertTrue(result.out().contains("! no final stats record"), "part 0 alone ends with intermediate stats");
    }

    @Test
    void aMissingPartIsReported() throws Exception {
        Files.move(dir.resolve(Traces.RUN_ID + ".1.jsonl"), dir.resolve(Traces.RUN_ID + ".2.jsonl"));
        Path part2 = dir.resolve(Traces.RUN_ID + ".2.jsonl");
        Files.writeString(part2, Files.readString(part2).replace("\"part\":1", "\"part\":2"));
        Cli.Result result = Cli.run("summary", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("! run " + Traces.RUN_ID + ": missing part(s) 1; their spans are not in"
                + " this summary"), result.out());
    }

    @Test
    void aCopiedPartIsReportedAndReadOnce() throws Exception {
        Files.copy(dir.resolve(Traces.RUN_ID + ".1.jsonl"), dir.resolve("copy-of-part-1.jsonl"));
        Cli.Result result = Cli.run("summary", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("! run " + Traces.RUN_ID + ": part 1 is in both " + Traces.RUN_ID
                + ".1.jsonl and copy-of-part-1.jsonl (a copy?); read once, from " + Traces.RUN_ID + ".1.jsonl"),
                result.out());
        assertEquals(2, result.out().split("\\(part ", -1).length - 1, "two parts read:\n" + result.out());
    }
}
