package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --color}: escapes around words already there, so that without them the report is exactly the plain one. */
class ColorOutputTest {

    private static final String ESC = "\u001B[";
    private static final String RESET = ESC + "0m";

    private static String demo(String runId) {
        return InspectTest.demo(runId).toString();
    }

    private static String plain(String colored) {
        return colored.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "errors", "slow", "inspect", "llm", "replay-plan"})
    void colourNeverMovesAColumn(String command) {
        String run = demo(command.equals("replay-plan") ? InspectTest.DEMO_RUN : InspectTest.DEMO_REPLAY);
        for (Map<String, String> env : List.of(Map.<String, String>of(), Cli.WIDE_TERMINAL)) {
            String text = Cli.run(env, command, run).out();
            String colored = Cli.run(env, command, run, "--color").out();
            assertFalse(text.contains(ESC), text);
            assertTrue(colored.contains(ESC), colored);
            assertEquals(text, plain(colored), command + " with colour, escapes taken out");
            assertEquals(text, Cli.run(env, command, run, "--no-color").out());
        }
    }

    @Test
    void diffAndOneSpanToo() {
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"diff", demo(InspectTest.DEMO_RUN), demo(InspectTest.DEMO_REPLAY)});
        commands.add(new String[] {"inspect", demo(InspectTest.DEMO_REPLAY), "2abe969e", "--tree"});
        for (String[] args : commands) {
            String text = Cli.runDefault(args).out();
            String[] withColor = java.util.Arrays.copyOf(args, args.length + 1);
            withColor[args.length] = "--color";
            String colored = Cli.runDefault(withColor).out();
            assertTrue(colored.contains(ESC), colored);
            assertEquals(text, plain(colored), String.join(" ", args));
        }
    }

    @Test
    void failuresAreRedHeadingsBoldOkDimSlowYellow() {
        String replay = demo(InspectTest.DEMO_REPLAY);
        String list = Cli.run("inspect", replay, "--color").out();
        assertTrue(list.startsWith(ESC + "1magentdbg inspect of run "), list);
        assertTrue(list.contains("  " + ESC + "31merror IOException" + RESET + "\n"), list);
        assertTrue(list.contains("  " + ESC + "2mok" + RESET + "\n"), list);
        String summary = Cli.run("summary", replay, "--color").out();
        assertTrue(summary.contains("\n" + ESC + "1mTimeline (2 traces"), summary);
        assertTrue(summary.contains("  " + ESC + "31mERROR IOException" + RESET + "\n"), summary);
        assertTrue(summary.contains("  " + ESC + "2mok (replayed)" + RESET + "\n"), summary);
        String slow = Cli.run("slow", replay, "--color").out();
        assertTrue(slow.contains("  " + ESC + "33mLLM was slow" + RESET + "\n"), slow);
        // Prose naming an error is not a status: the table header and the counts stay plain.
        assertFalse(summary.contains(ESC + "31merrors"), summary);
    }

    @Test
    void warningsAreYellow(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        lines.add(3, "{\"type\":\"span\",\"trace\":");
        Path torn = Files.write(dir.resolve("torn.jsonl"), lines);
        String text = Cli.run("summary", torn.toString()).out();
        String colored = Cli.run("summary", torn.toString(), "--color").out();
        assertEquals(text, plain(colored));
        int warnings = colored.indexOf(ESC + "1mWarnings" + RESET + "\n");
        assertTrue(warnings > 0, colored);
        String firstWarning = colored.substring(colored.indexOf('\n', warnings) + 1);
        assertTrue(firstWarning.startsWith(ESC + "33m  "), firstWarning);
        assertFalse(Cli.run("summary", Traces.sample().toString(), "--color").out().contains(ESC + "33m"),
                "the golden sample has no warnings");
    }

    @Test
    void callsStillRunningAreYellow(@TempDir Path dir) throws Exception {
        String killed = UnfinishedCallsTest.writeKilledRun(dir).toString();
        String text = Cli.runDefault("summary", killed).out();
        String colored = Cli.runDefault("summary", killed, "--color").out();
        assertEquals(text, plain(colored));
        assertTrue(colored.contains(ESC + "33mSTILL RUNNING at end of run, after 31.460 s" + RESET + "  1 span(s)"),
                colored);
        assertTrue(colored.contains("  " + ESC + "33mRUNNING (at end of run, 31.460 s)" + RESET + "\n"), colored);
    }

    @Test
    void jsonIsNeverColoured() {
        for (String command : List.of("summary", "errors", "slow", "inspect", "llm")) {
            String json = Cli.run(command, demo(InspectTest.DEMO_REPLAY), "--json", "--color").out();
            assertFalse(json.contains(ESC), command);
            Traces.parse(json);
        }
    }
}
