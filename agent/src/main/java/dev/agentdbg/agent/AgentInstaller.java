package dev.agentdbg.agent;

import dev.agentdbg.agent.config.AgentConfig;
import dev.agentdbg.agent.config.ConfigKeys;
import dev.agentdbg.agent.config.ConfigLoader;
import dev.agentdbg.agent.instrument.CapturePolicy;
import dev.agentdbg.agent.instrument.Instrumenter;
import dev.agentdbg.agent.presets.Presets;
import dev.agentdbg.agent.replay.RecordReplayInstrumentation;
import dev.agentdbg.agent.rules.Rule;
import dev.agentdbg.agent.rules.RuleParser;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.CaptureBudget;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.runtime.RunInfo;
import dev.agentdbg.runtime.TraceSession;
import dev.agentdbg.runtime.TraceSettings;
import dev.agentdbg.semantics.PriceTable;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts agentdbg inside the application (called by {@link Premain} from the bootstrap class path):
 * configuration, trace session, then instrumentation. Whatever goes wrong, the application starts.
 */
public final class AgentInstaller {
    private static volatile boolean installed;

    private AgentInstaller() {
    }

    public static void install(String agentArgs, Instrumentation instrumentation) {
        // Time anchor first, so the run starts when the JVM handed us control.
        long nanoTimeAnchor = System.nanoTime();
        Instant start = Instant.now();
        if (installed) {
            System.err.println("[agentdbg] already running in this JVM; ignoring the second start");
            return;
        }
        installed = true;

        AgentConfig config = ConfigLoader.load(agentArgs, System.getProperties(), System.getenv());
        if (!config.bool(ConfigKeys.ENABLED)) {
            printWarnings(config.warnings());
            System.err.println("[agentdbg] disabled (" + ConfigKeys.ENABLED + "=false); nothing is instrumented");
            return;
        }
        List<Rule> rules = new ArrayList<>(RuleParser.parse(config));
        rules.addAll(Presets.rules(config));
        CapturePolicy capture = capturePolicy(config);
        dev.agentdbg.replay.ReplaySettings replay = ReplaySetup.settings(config);
        TraceSettings settings = new TraceSettings(
                Path.of(config.string(ConfigKeys.OUTPUT_DIR)),
                config.integer(ConfigKeys.BUFFER_SIZE, 16, 1 << 20),
                config.integer(ConfigKeys.FLUSH_INTERVAL_MS, 10, 60_000),
                config.size(ConfigKeys.FILE_ROTATE_SIZE, 1024),
                config.integer(ConfigKeys.EXCEPTION_FRAMES, 0, 1024),
                memoryMax(config),
                config.durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        boolean verbose = config.bool(ConfigKeys.VERBOSE);
        dev.agentdbg.runtime.ClassNotes.setMax(config.integer(ConfigKeys.CLASSES_MAX, 0, 100_000));
        if (rules.isEmpty()) {
            config.warn("no rules configured: nothing will be traced (add agentdbg.rule.<name>.match=... "
                    + "to the configuration file, or agentdbg.presets=" + String.join(",", Presets.all().keySet()) + ")");
        }
        dev.agentdbg.runtime.debug.DebugSettings debug =
                DebugSetup.settings(config, rules.stream().map(Rule::name).toList());
        printWarnings(config.warnings());
        ReplaySetup.install(replay, settings.outputDir());

        String closed = JdkOpens.openForCapture(instrumentation);
        if (closed != null) {
            System.err.println("[agentdbg] capture cannot read Vector, Hashtable, StringBuffer and JDK collection "
                    + "wrappers by their fields (" + closed + "); they are marked unreadable");
        }
        // Before the preload initializes PauseGate: with debugging off, its checks compile away.
        dev.agentdbg.bootstrap.PauseGate.Switch.enabled = debug.enabled();
        preloadHotPathClasses();
        // Our relocated ByteBuddy must not touch sun.misc.Unsafe: on JDK 24+ that prints a
        // four-line deprecation warning into the application's output. We never inject classes,
        // so its "safe" mode loses nothing. The key is ByteBuddy's own, under our relocation.
        System.setProperty("dev.agentdbg.shaded.bytebuddy.safe", "true");
        Instrumenter.resolvePicksAtStartup(rules, verbose); // before the rules are described in the run record
        List<Map<String, String>> ruleDescriptions = rules.stream().map(Rule::describe).toList();
        RunInfo run = RunInfo.forThisProcess(start, agentVersion(), config.effectiveSettings(), ruleDescriptions,
                config.warningsSnapshot());
        ReplaySetup.printPlan();
        MethodRegistry registry = new MethodRegistry();
        long epochNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        CallCapture.useMethods(registry);
        TraceSession session = TraceSession.start(settings, run, registry, epochNanos, nanoTimeAnchor);
        AgentCounters.unmatchedRules = () -> rules.stream().filter(r -> !r.matched()).map(Rule::name).toList();
        AgentCounters.rulePicks = () -> {
            Map<String, String> picks = new java.util.LinkedHashMap<>();
            rules.stream().filter(r -> r.picks() != null).forEach(r -> picks.put(r.name(), r.picks()));
            return picks;
        };
        if (session.currentFile() != null) {
            System.err.println("[agentdbg] recording to " + session.currentFile() + " (created at the first traced call; "
                    + rules.size() + (rules.size() == 1 ? " rule)" : " rules)"));
        }
        if (debug.enabled()) {
            DebugStart.start(debug, registry, session); // armed before instrumentation: the very first call can be caught
        }
        if (!rules.isEmpty()) {
            new Instrumenter(rules, registry, verbose, capture).withDebugEdits(debug.enabled()).install(instrumentation);
        }
        RecordReplayInstrumentation.install(instrumentation, replay, debug.enabled());
    }

    /**
     * Loads what instrumented code will call before any class is transformed, so loading them can
     * never happen inside a transformation (ClassCircularityError).
     */
    private static void preloadHotPathClasses() {
        String[] classes = {"bootstrap.Spans", "bootstrap.PauseGate", "bootstrap.PauseGate$Hook",
                "bootstrap.ThreadState", "bootstrap.RingBuffer", "bootstrap.SpanSlot",
                "bootstrap.ThreadRing", "bootstrap.SpanRings", "bootstrap.MemoryBudget", "bootstrap.AgentCounters", "bootstrap.Propagation",
                "bootstrap.TaskContext", "bootstrap.MethodInfo", "bootstrap.CallCapture", "bootstrap.PendingCalls",
                "bootstrap.PendingCalls$Pending", "bootstrap.DebugEdits", "bootstrap.DebugEdits$Edit", "bootstrap.PendingCalls$Key", "bootstrap.PrimitiveValues", "capture.CapturedCall",
                "capture.CaptureSpec", "capture.ObjectWalker", "capture.Node", "capture.ObjectSnapshot",
                "capture.ListSnapshot", "capture.MapSnapshot", "capture.BytesSnapshot", "capture.Ref",
                "capture.Marker", "capture.Marker$Reason", "capture.Walk", "capture.ClassLayout",
                "capture.JdkValues", "capture.JdkContainers", "capture.KnownWrappers", "capture.Containers", "capture.SecretNames",
                "capture.Texts", "capture.CaptureSettings", "capture.ReceiverFields", "capture.CaptureBudget"};
        for (String name : classes) {
            try {
                Class.forName("dev.agentdbg." + name, true, Spans.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                AgentCounters.internalError("preload", e);
            }
        }
    }

    /** {@code agentdbg.memory.max}, or when it is not set, 64 MB or 1/8 of the max heap when that is smaller. */
    private static long memoryMax(AgentConfig config) {
        long max = config.size(ConfigKeys.MEMORY_MAX, 1024 * 1024);
        return "defaults".equals(config.origin(ConfigKeys.MEMORY_MAX))
                ? MemoryBudget.defaultMax(Runtime.getRuntime().maxMemory()) : max;
    }

    private static CapturePolicy capturePolicy(AgentConfig config) {
        CaptureSettings settings = new CaptureSettings(
                config.integer(ConfigKeys.CAPTURE_MAX_DEPTH, 1, 64),
                config.integer(ConfigKeys.CAPTURE_MAX_STRING, 16, 16 << 20),
                config.integer(ConfigKeys.CAPTURE_MAX_ELEMENTS, 1, 1_000_000),
                (int) Math.min(Integer.MAX_VALUE, config.size(ConfigKeys.CAPTURE_MAX_BYTES, 256)),
                config.list(ConfigKeys.CAPTURE_REDACT), false);
        CaptureBudget.setLimit(config.size(ConfigKeys.CAPTURE_MAX_BUFFERED, 1024));
        Redactor.install(Redactor.create(config.list(ConfigKeys.CAPTURE_REDACT),
                config.string(ConfigKeys.CAPTURE_REDACT_PATTERNS), config::warn));
        List<String> problems = new ArrayList<>();
        PriceTable prices = PriceTable.parse(config.prices(), problems);
        problems.forEach(config::warn);
        return new CapturePolicy(config.bool(ConfigKeys.CAPTURE_ENABLED), settings, prices);
    }

    private static void printWarnings(List<String> warnings) {
        for (String w : warnings) {
            System.err.println("[agentdbg] " + w);
        }
    }

    private static String agentVersion() {
        String v = AgentInstaller.class.getPackage() == null ? null
                : AgentInstaller.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
