package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Help, version, usage errors and bad paths: clear one-line messages, the right exit codes, no stack traces. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void missingPathIsOneLineAndExitCode2() {
        Path missing = dir.resolve("no-such-dir");
        Cli.Result result = Cli.run("summary", missing.toString());
        assertEquals(2, result.exitCode());
        assertEquals("agentdbg-analyzer summary: no such file or directory: " + missing + "\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void emptyDirectoryIsBadInputWithAHint() throws Exception {
        Cli.Result result = Cli.run("summary", dir.toString());
        assertEquals(2, result.exitCode());
        assertEquals("agentdbg-analyzer summary: no trace files (*.jsonl) in " + dir + "\n", result.err());

        Files.createDirectory(dir.resolve("agentdbg-traces"));
        result = Cli.run("summary", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("(did you mean " + dir.resolve("agentdbg-traces") + "?)"), result.err());
        assertFalse(result.err().contains("Exception"));
    }

    @Test
    void negativeLimitsAreUsageErrors() {
        Cli.Result result = Cli.run("summary", Traces.sample().toString(), "--top", "-1");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("--top, --max-traces, --max-lines, --max-errors, --slowest-traces and "
                + "--failing-traces take a number >= 0"),
                result.err());
    }

    @Test
    void anInternalErrorIsOneLineAndExitCode1WithTheStackOnlyUnderDebug() throws Exception {
        for (boolean debug : new boolean[] {false, true}) {
            CommandLine cmd = AnalyzerMain.commandLine(Map.of());
            StringWriter err = new StringWriter();
            cmd.setErr(new PrintWriter(err, true));
            ParseResult parsed = debug ? cmd.parseArgs("summary", "x.jsonl", "--debug")
                    : cmd.parseArgs("summary", "x.jsonl");
            CommandLine summary = cmd.getSubcommands().get("summary");
            summary.setErr(new PrintWriter(err, true));
            int code = cmd.getExecutionExceptionHandler()
                    .handleExecutionException(new IllegalStateException("boom"), summary, parsed);
            assertEquals(1, code);
            String text = err.toString();
            assertTrue(text.startsWith("agentdbg-analyzer summary: internal error: java.lang.IllegalStateException:"
                    + " boom (at "), text);
            if (debug) {
                assertTrue(text.contains("\tat "), "the stack with --debug:\n" + text);
            } else {
                assertEquals(1, text.lines().count(), text);
                assertTrue(text.contains("run again with --debug"), text);
            }
        }
    }

    @Test
    void noCommandShowsUsage() {
        Cli.Result result = Cli.run();
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Missing command"));
        assertTrue(result.err().contains("summary") && result.err().contains("llm"), result.err());
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        Cli.Result help = Cli.run("summary", "--help");
        assertEquals(0, help.exitCode());
        for (String option : new String[] {"<file-or-dir>", "--run", "--json", "--top", "--no-timeline",
                                           "--max-traces", "--max-lines", "--max-errors", "--wide", "--debug",
                                           "--version"}) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        Cli.Result llmHelp = Cli.run("llm", "--help");
        assertEquals(0, llmHelp.exitCode());
        for (String option : new String[] {"<file-or-dir>", "--run", "--json", "--wide", "--debug", "--version"}) {
            assertTrue(llmHelp.out().contains(option), option + " in\n" + llmHelp.out());
        }
        assertEquals(0, Cli.run("llm", "-V").exitCode());
        Cli.Result mainHelp = Cli.run("--help");
        assertEquals(0, mainHelp.exitCode());
        assertTrue(mainHelp.out().contains("summary") && mainHelp.out().contains("llm"), mainHelp.out());
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("agentdbg-analyzer "), version.out());
        assertEquals(0, Cli.run("summary", "-V").exitCode());
    }
}
