package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} as a command: damaged input, rotated runs, its help and its usage errors. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void damagedLinesAreSkippedAndReportedOnStderr() throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        int corrupt = 0;
        while (!(lines.get(corrupt).contains("\"type\":\"span\"") && lines.get(corrupt).contains("\"method\":3"))) {
            corrupt++;
        }
        lines.set(corrupt, "{\"type\":\"span\",\"trace\":\"4bf9\u0000\u0000garbage");
        Path file = Traces.write(dir.resolve("damaged.jsonl"), lines);
        Files.writeString(file, "{\"type\":\"span\",\"trace\":\"4bf92f35", java.nio.file.StandardOpenOption.APPEND);

        for (String format : new String[] {"otlp-json", "chrome"}) {
            Cli.Result r = Cli.run("export", file.toString(), "--format", format);
            assertEquals(0, r.exitCode(), r.err());
            // the corrupt span's call has a start record, so it is still exported, as unfinished
            assertTrue(r.err().contains("exported 13 span(s) (1 unfinished)"), r.err());
            assertTrue(r.err().contains("warning: 2 unreadable line(s) skipped; first: skipped line " + (corrupt + 1)
                    + " of damaged.jsonl: "), r.err());
        }
        List<Span> spans = OtlpFixtures.spans(OtlpFixtures.parseJsonLines(Cli.run("export", file.toString()).out()));
        assertEquals(13, spans.size(), "every readable span is still exported");
    }

    @Test
    void aRotatedRunIsExportedWhole() throws Exception {
        List<String> lines = Traces.sampleLines();
        int half = lines.size() / 2;
        Traces.write(dir.resolve(Traces.RUN_ID + ".jsonl"), lines.subList(0, half));
        List<String> part1 = new ArrayList<>();
        part1.add(Traces.with(lines.get(0), "part", 1));
        part1.addAll(lines.subList(half, lines.size()));
        Traces.write(dir.resolve(Traces.RUN_ID + ".1.jsonl"), part1);

        Cli.Result r = Cli.run("export", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(13, OtlpFixtures.spans(OtlpFixtures.parseJsonLines(r.out())).size());
        assertTrue(r.err().contains("exported 13 span(s) of run " + Traces.RUN_ID), r.err());
    }

    @Test
    void helpNamesEveryOption() {
        Cli.Result help = Cli.run("export", "--help");
        assertEquals(0, help.exitCode());
        for (String option : new String[] {"<file-or-dir>", "--run", "--format", "--output", "--otlp-endpoint",
            "--otlp-header", "--otlp-timeout", "--service-name", "--batch-size", "--no-progress", "--trace", "--kind",
            "--component", "--method", "--thread", "--status", "--from", "--to", "--min-duration", "--debug",
            "--version"}) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        assertTrue(Cli.run("--help").out().contains("export"));
    }

    @Test
    void usageErrorsAreOneLineAndExitCode2() {
        String sample = Traces.sample().toString();
        Cli.Result format = Cli.run("export", sample, "--format", "zipkin");
        assertEquals(2, format.exitCode());
        assertEquals("agentdbg-analyzer export: --format takes otlp-json or chrome, not 'zipkin'",
                format.err().strip());
        assertEquals(2, Cli.run("export", sample, "--batch-size", "0").exitCode());
        assertEquals(2, Cli.run("export", sample, "--otlp-endpoint", "http://127.0.0.1:1", "--otlp-timeout", "soon")
                .exitCode());
        Cli.Result missing = Cli.run("export", dir.resolve("nothing.jsonl").toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Cli.Result output = Cli.run("export", sample, "-o", dir.resolve("no/such/dir/x.json").toString());
        assertEquals(2, output.exitCode());
        assertTrue(output.err().startsWith("agentdbg-analyzer export: cannot write "), output.err());
    }
}
