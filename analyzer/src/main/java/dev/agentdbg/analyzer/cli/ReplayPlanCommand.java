package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.replay.ReplayPlan;
import dev.agentdbg.analyzer.replay.ReplayPlanner;
import dev.agentdbg.analyzer.report.ReplayPlanJson;
import dev.agentdbg.analyzer.report.ReplayPlanText;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code replay-plan} command: what a replay of a recorded run would serve, without running anything. */
@Command(
        name = "replay-plan",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Show what a replay of a recorded run (agentdbg.mode=record) would serve, without running anything.",
            "",
            "Per LLM endpoint and per recorded method: how many answers were recorded, how many can be replayed, "
                + "how many a replay with these settings serves, which run live, and why the others cannot be "
                + "served (cut by agentdbg.record.maxBytes, an unrebuildable value, a call that failed without a "
                + "response, an unreadable line). The same block a replay prints at start-up.",
            "",
            "The input is a trace file, a directory (its newest recorded run, or --run), or a run id, looked up in "
                + "AGENTDBG_OUTPUT_DIR, else ./agentdbg-traces."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer replay-plan agentdbg-traces/",
            "  agentdbg-analyzer replay-plan 20261201-101500-4242-ab12 --kinds llm,tool",
            "  agentdbg-analyzer replay-plan agentdbg-traces/run.jsonl --until 3 --json",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input (a run that was not recorded), usage or out of "
                + "memory."})
public final class ReplayPlanCommand implements Callable<Integer> {

    private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[\\w-]+");
    private static final Pattern KIND = Pattern.compile("[\\w.$-]+");
    static final String OUTPUT_DIR_ENV = "AGENTDBG_OUTPUT_DIR";
    static final String DEFAULT_OUTPUT_DIR = "agentdbg-traces";

    @Mixin
    private RunInput run;

    @Option(names = "--kinds", paramLabel = "<kinds>", defaultValue = "llm", split = ",",
            description = "What the replay serves, as agentdbg.replay.kinds: llm, tool, other kinds and rule names, "
                    + "comma-separated (default: ${DEFAULT-VALUE}); the rest runs live.")
    private List<String> kinds;

    @Option(names = "--until", paramLabel = "<n>",
            description = "As agentdbg.replay.until: serve the first n LLM calls, then go live (default: all).")
    private Integer until;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        List<String> served = kinds();
        if (until != null && until < 0) {
            throw new ParameterException(spec.commandLine(), "--until takes a number >= 0");
        }
        List<String> notes = new ArrayList<>();
        List<Path> inputs = run.inputs();
        String runId = run.runId;
        if (inputs.size() == 1 && !Files.exists(inputs.get(0)) && RUN_ID.matcher(inputs.get(0).toString()).matches()) {
            runId = runIdArgument(inputs.get(0).toString());
            inputs = List.of(outputDir());
        }
        RunCatalog catalog = new TraceLocator().locate(inputs);
        notes.addAll(catalog.notes());
        RunFiles chosen = runId != null ? catalog.select(runId) : newestRecording(catalog);
        ReplayPlanner planner = new ReplayPlanner(served, until);
        ReadReport read = terminal.reader(spec, main.env()).read(chosen, planner);
        ReplayPlan plan = planner.build();
        refuseUnrecorded(chosen, plan, read);
        List<String> others = catalog.runs().stream().map(RunFiles::runId).filter(id -> !id.equals(chosen.runId()))
                .toList();
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        if (run.json) {
            ReplayPlanJson.render(plan, chosen.runId(), inputs.get(0).toString(), read, notes, out);
        } else {
            Summary.Selection selection = new Summary.Selection(inputs.get(0), catalog.directory(), chosen.runId(),
                    others, runId == null);
            ReplayPlanText.render(plan, selection, read, notes, out, run.width(main.env()));
        }
        return 0;
    }

    private List<String> kinds() {
        List<String> out = new ArrayList<>();
        for (String k : kinds) {
            String kind = k.strip();
            if (kind.isEmpty()) {
                continue;
            }
            if (!KIND.matcher(kind).matches()) {
                throw new ParameterException(spec.commandLine(), "--kinds takes kinds and rule names separated by "
                        + "commas (e.g. llm,tool), not '" + k + "'");
            }
            out.add(kind);
        }
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--kinds needs at least one kind or rule name");
        }
        return out;
    }

    /** A run id given instead of a path: as {@code agentdbg.replay.from} takes it, looked up in the output dir. */
    private String runIdArgument(String id) throws BadInputException {
        if (run.runId != null && !run.runId.equals(id)) {
            throw new BadInputException("run id " + id + " given, and --run " + run.runId + ": give one of them");
        }
        Path dir = outputDir();
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("no such file or directory: " + id + " (as a run id it was looked up in "
                    + dir + ", which does not exist; give the trace directory, e.g. replay-plan <dir> --run " + id
                    + ")");
        }
        return id;
    }

    private Path outputDir() {
        String env = main.env().get(OUTPUT_DIR_ENV);
        return Path.of(env == null || env.isBlank() ? DEFAULT_OUTPUT_DIR : env.strip());
    }

    /** The newest run recorded with agentdbg.mode=record, else the newest run (which is then refused, saying why). */
    private static RunFiles newestRecording(RunCatalog catalog) throws BadInputException {
        List<RunFiles> runs = catalog.runs();
        for (int i = runs.size() - 1; i >= 0; i--) {
            for (TraceFile f : runs.get(i).parts()) {
                if (RunInfo.RECORD.equals(f.mode())) {
                    return runs.get(i);
                }
            }
        }
        return catalog.select(null);
    }

    private static void refuseUnrecorded(RunFiles chosen, ReplayPlan plan, ReadReport read) throws BadInputException {
        RunInfo info = plan.run();
        boolean recordedAnything = !plan.llm().isEmpty() || !plan.values().isEmpty() || plan.lostTotal() > 0;
        if (info == null) {
            if (read.records() == 0) {
                String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
                throw new BadInputException("no trace records could be read from run " + chosen.runId() + why);
            }
            if (!recordedAnything) {
                throw new BadInputException("run " + chosen.runId() + " has no readable run record and no recorded "
                        + "answers: nothing to replay");
            }
            return;
        }
        if (info.isReplay()) {
            throw new BadInputException("run " + info.runId() + " is a replay" + (info.replayOf() == null ? ""
                    : " of run " + info.replayOf()) + ", not a recording: nothing to replay from it"
                    + (info.replayOf() == null ? "" : "; plan the recording: replay-plan " + info.replayOf()));
        }
        if (!info.isRecording() && !recordedAnything) {
            throw new BadInputException("run " + info.runId() + " was traced, not recorded: nothing to replay; "
                    + "record it with agentdbg.mode=record");
        }
    }
}
