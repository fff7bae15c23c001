package dev.agentdbg.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.read.ReadProgress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** When colour and the progress line are on. */
class TerminalOptionsTest {

    @Command(name = "host")
    static final class Host {
        @Mixin
        TerminalOptions terminal;
    }

    /** The options as picocli parses them from {@code args}. */
    private static TerminalOptions options(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.terminal;
    }

    @Test
    void colourOnATerminalUnlessNoColorAndTheFlagsWin() {
        Map<String, String> none = Map.of();
        Map<String, String> noColor = Map.of("NO_COLOR", "1");
        assertTrue(options().colored(none, true));
        assertFalse(options().colored(none, false));
        assertFalse(options().colored(noColor, true));
        assertTrue(options().colored(Map.of("NO_COLOR", ""), true), "an empty NO_COLOR does not count");
        assertFalse(options().colored(Map.of("TERM", "dumb"), true));
        assertTrue(options("--color").colored(noColor, false));
        assertFalse(options("--no-color").colored(none, true));
    }

    @Test
    void noProgressLineWhenStderrIsNotATerminalOrWithNoProgress() {
        CommandLine summary = AnalyzerMain.commandLine(Map.of()).getSubcommands().get("summary");
        // Under the test runner stderr is a pipe, as it is for `agentdbg-analyzer ... 2> log`.
        assertFalse(Terminal.stderr());
        assertSame(ReadProgress.NONE, options().progress(summary.getCommandSpec(), Map.of()));
        assertSame(ReadProgress.NONE, options("--no-progress").progress(summary.getCommandSpec(), Map.of()));
    }
}
