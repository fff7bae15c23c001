package com.acme.it;

import com.acme.it.apps.DeterministicApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * agentdbg.replay.deterministic: a run recorded with it and replayed with it prints the same clock,
 * random and UUID values; without it (the default) nothing is rewritten and every run differs.
 */
class DeterministicValuesIT {
    private static final String KINDS = "agentdbg.replay.deterministic=time,random,uuid";
    /** The traced method is rewritten too: both transformations apply to the same class. */
    private static final String[] RULE = {"agentdbg.rule.app.match=com.acme.it.apps.DeterministicApp#main",
        "agentdbg.rule.app.kind=agent"};

    @Test
    void replayPrintsWhatTheRecordedRunPrinted(@TempDir Path dir) throws Exception {
        for (Path java : Jdks.all()) {
            Path run = dir.resolve(java.getParent().getParent().getFileName().toString());
            Path recorded = run.resolve("recorded");
            ChildJvm.Result record = new ChildJvm(java)
                    .agent("config=" + Configs.of(mkdirs(run.resolve("rc")), recorded, "agentdbg.mode=record", KINDS,
                            RULE[0], RULE[1]))
                    .main(DeterministicApp.class).run(run.resolve("out-record")).assertSuccess();
            assertTrue(record.stderr().contains("recording time,random,uuid values at the call sites of "
                    + "com.acme.it.apps (the main class's package"), record.stderr());

            Trace recording = Trace.readSingleRun(recorded);
            recording.assertAgentHealthy();
            Set<String> whats = new HashSet<>();
            long uuids = 0;
            for (JsonNode det : recording.dets) {
                whats.add(det.path("what").asText());
                assertTrue(det.path("site").asText().startsWith("com.acme.it.apps.DeterministicApp#"), det.toString());
                if (det.path("what").asText().equals("uuid")) {
                    uuids += det.path("values").size() / 2;
                }
            }
            assertEquals(Set.of("currentTimeMillis", "nanoTime", "instant", "localDateTime", "uuid", "randomSeed",
                    "randomSource"), whats);
            assertEquals(303, uuids, "every UUID handed out is recorded, across blocks and drains");

            Path replayed = run.resolve("replayed");
            Path rp = mkdirs(run.resolve("rp"));
            ChildJvm.Result replay = new ChildJvm(java)
                    .agent("config=" + Configs.of(rp, replayed, "agentdbg.mode=replay",
                            "agentdbg.replay.from=" + recorded, KINDS, RULE[0], RULE[1]))
                    .main(DeterministicApp.class).run(run.resolve("out-replay")).assertSuccess();
            assertEquals(record.stdout(), replay.stdout(), "stderr of the replay:\n" + replay.stderr());
            // time: millis, 2 x nanoTime, Instant, 2 x LocalDateTime in main, and the lambda's millis
            assertPlanLine(replay.stderr(), "time", "7 call sites: System.currentTimeMillis(), System.nanoTime(), "
                    + "Instant.now(), LocalDateTime.now()", "7 recorded, 7 will be served");
            assertPlanLine(replay.stderr(), "random", "7 call sites: new Random(), ThreadLocalRandom / Math.random()",
                    "7 recorded, 7 will be served");
            assertPlanLine(replay.stderr(), "uuid", "2 call sites: UUID.randomUUID()",
                    "303 recorded, 303 will be served");
            assertTrue(replay.stderr().contains("com.acme.it.apps (the main class's package"), replay.stderr());
            assertTrue(!replay.stderr().contains("went past the recorded values"), replay.stderr());
            Trace replayTrace = Trace.readSingleRun(replayed);
            JsonNode stats = replayTrace.assertAgentHealthy();
            assertEquals(1, replayTrace.spans.size(), "the traced main method");
            assertTrue(replayTrace.dets.isEmpty(), "a replay hands values back, it does not record them again");
            assertEquals(0, stats.path("deterministicLive").asInt(-1), stats.toString());
        }
    }

    @Test
    void callsPastTheRecordingGetRealValuesAndAreCounted(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("recorded");
        List<String> record = new ChildJvm(Jdks.current())
                .agent("config=" + Configs.of(mkdirs(dir.resolve("rc")), recorded, "agentdbg.mode=record", KINDS,
                        RULE[0], RULE[1]))
                .main(DeterministicApp.class, "3").run(dir.resolve("out-record")).assertSuccess()
                .stdout().lines().toList();
        Path replayed = dir.resolve("replayed");
        ChildJvm.Result replay = new ChildJvm(Jdks.current())
                .agent("config=" + Configs.of(mkdirs(dir.resolve("rp")), replayed, "agentdbg.mode=replay",
                        "agentdbg.replay.from=" + recorded, KINDS, RULE[0], RULE[1]))
                .main(DeterministicApp.class, "4").run(dir.resolve("out-replay")).assertSuccess();
        List<String> lines = replay.stdout().lines().toList();
        assertEquals(record.subList(0, 8), lines.subList(0, 8), "the three recorded UUIDs come back");
        assertTrue(lines.get(8).startsWith("uuid=") && !record.contains(lines.get(8)), "the fourth is a real one");
        assertEquals(record.subList(8, record.size()), lines.subList(9, lines.size()), "later sites are unaffected");
        assertTrue(replay.stderr().contains("[agentdbg] replay: 1 deterministic call(s) went past the recorded values "
                + "and got real ones: com.acme.it.apps.DeterministicApp#main:6 (1)"), replay.stderr());
        JsonNode stats = Trace.readSingleRun(replayed).assertAgentHealthy();
        assertEquals(1, stats.path("deterministicLive").asInt(), stats.toString());
    }

    @Test
    void withoutTheKeyNothingIsRewritten(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        List<String> a = runTrace(dir.resolve("a"), traces, "agentdbg.mode=record");
        List<String> b = runTrace(dir.resolve("b"), traces, "agentdbg.mode=record");
        assertNotEquals(a.get(0), b.get(0), "millis");
        assertNotEquals(a.get(5), b.get(5), "uuid");
        ChildJvm.Result traced = new ChildJvm(Jdks.current())
                .agent("config=" + Configs.of(mkdirs(dir.resolve("c")), traces, KINDS))
                .main(DeterministicApp.class).run(dir.resolve("out-c")).assertSuccess();
        assertTrue(traced.stderr().contains("agentdbg.replay.deterministic is set but agentdbg.mode=trace"),
                traced.stderr());
        assertNotEquals(a.get(5), traced.stdout().lines().toList().get(5));
    }

    private static void assertPlanLine(String stderr, String kind, String key, String counts) {
        assertTrue(stderr.lines().anyMatch(l -> l.startsWith("[agentdbg]   " + kind + " ") && l.contains(key)
                && l.contains(counts)), stderr);
    }

    private static List<String> runTrace(Path dir, Path traces, String... lines) throws Exception {
        return new ChildJvm(Jdks.current()).agent("config=" + Configs.of(mkdirs(dir), traces, lines))
                .main(DeterministicApp.class).run(dir.resolve("out")).assertSuccess().stdout().lines().toList();
    }

    private static Path mkdirs(Path p) {
        p.toFile().mkdirs();
        return p;
    }
}
