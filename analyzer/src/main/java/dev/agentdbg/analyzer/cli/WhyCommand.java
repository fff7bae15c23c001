package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.report.WhyJson;
import dev.agentdbg.analyzer.report.WhyText;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.why.WhyAnalysis;
import dev.agentdbg.analyzer.why.WhyCollector;
import dev.agentdbg.analyzer.why.WhyReport;
import dev.agentdbg.analyzer.why.WhyTarget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code why} command: did an agent, tool or method run, and if not, why not; if it did, how it ended. */
@Command(
        name = "why",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Say whether an agent, tool or method ran in a run, and why not, with the evidence.",
            "",
            "The target comes after the trace: a method glob as in the rules (CriticAgent#review, "
                + "com.acme.*Agent#run*, also CriticAgent.review), a class (CriticAgent, com.acme.CriticAgent), or a "
                + "name: a rule, a component, an agent or tool name (gen_ai.agent.name, gen_ai.tool.name). Globs take "
                + "* and ?; plain names also match ignoring case.",
            "",
            "One verdict: NEVER INVOKED (then: was it instrumented, was its class loaded and instrumented, which "
                + "rule came closest and why it missed, from the rules in the run record and the agent's class "
                + "records; and which spans of the same kind ran instead), INVOKED AND FAILED (with each kind of "
                + "exception), INVOKED BUT RETURNED EARLY (a null, false or empty result, or an agent that returned "
                + "before any LLM or tool call beneath it), or INVOKED AND SUCCEEDED. The evidence names spans, counts "
                + "and the callers.",
            "",
            "The filters choose which of the target's calls count; the trace is read once, with bounded memory."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer why agentdbg-traces/ critic",
            "  agentdbg-analyzer why agentdbg-traces/ 'WebSearchTool#run'",
            "  agentdbg-analyzer why agentdbg-traces/ web_search --status error --json",
            "",
            "Exit codes: 0 done (whatever the verdict), 1 internal error, 2 bad input, usage or out of memory."})
public final class WhyCommand implements Callable<Integer> {

    @Mixin
    private RunInput run;

    @Mixin
    private SpanFilterOptions filters;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        SpanFilter filter = filters.filter();
        List<Path> inputs = new ArrayList<>(run.inputs());
        String targetText = takeTarget(inputs);
        WhyTarget target;
        try {
            target = WhyTarget.parse(targetText);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        RunCatalog catalog = new TraceLocator().locate(inputs);
        RunFiles chosen = catalog.select(run.runId);
        WhyCollector collector = new WhyCollector(target, filter);
        ReadReport read = terminal.reader(spec, main.env()).read(chosen, collector);
        if (read.records() == 0) {
            String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
            String what = chosen.parts().size() == 1 ? chosen.parts().get(0).path().toString()
                    : "run " + chosen.runId() + " (" + chosen.parts().size() + " files)";
            throw new BadInputException("no trace records could be read from " + what + why);
        }
        WhyReport report = WhyAnalysis.build(collector);
        List<String> others = catalog.runs().stream().map(RunFiles::runId).filter(id -> !id.equals(chosen.runId()))
                .toList();
        Summary.Selection selection = new Summary.Selection(inputs.get(0), catalog.directory(), chosen.runId(),
                others, run.runId == null);
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        if (run.json) {
            WhyJson.render(report, selection, read, catalog.notes(), out);
        } else {
            WhyText.render(report, selection, read, catalog.notes(), out, run.width(main.env()));
        }
        return 0;
    }

    /**
     * The target is the positional argument that is not a file or directory: the last one, or else the first
     * (both {@code why <trace> critic} and {@code why critic <trace>} read naturally).
     */
    private static String takeTarget(List<Path> inputs) throws BadInputException {
        if (inputs.size() < 2) {
            throw new BadInputException("why needs a trace and a target: why <file-or-dir> <agent, tool or method "
                    + "glob>, e.g. why agentdbg-traces/ critic");
        }
        Path last = inputs.get(inputs.size() - 1);
        if (!Files.exists(last)) {
            inputs.remove(inputs.size() - 1);
            return last.toString();
        }
        Path first = inputs.get(0);
        if (!Files.exists(first)) {
            inputs.remove(0);
            return first.toString();
        }
        throw new BadInputException("every argument is a file or directory; name the agent, tool or method last "
                + "(why <file-or-dir> <target>)");
    }
}
