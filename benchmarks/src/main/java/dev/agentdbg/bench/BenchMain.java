package dev.agentdbg.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Main class of {@code agentdbg-benchmarks.jar}:
 *
 * <pre>
 * java -jar benchmarks/target/agentdbg-benchmarks.jar compare   [options]   JMH: no agent vs agentdbg vs OpenTelemetry
 * java -jar benchmarks/target/agentdbg-benchmarks.jar startup   [options]   start-up time of a tiny app per variant
 * java -jar benchmarks/target/agentdbg-benchmarks.jar sustained [options]   written + dropped = produced under load
 * java -jar benchmarks/target/agentdbg-benchmarks.jar check                 both agents really record the target
 * java -jar benchmarks/target/agentdbg-benchmarks.jar scale     [options]   the analyzer on a generated 1M-span trace
 * java -jar benchmarks/target/agentdbg-benchmarks.jar jmh       [JMH args]  plain JMH command line (no agent)
 * </pre>
 *
 * See benchmarks/README.md for every option.
 */
public final class BenchMain {
    private static final java.util.Set<String> COMMANDS = java.util.Set.of("compare", "startup", "sustained", "check", "scale",
            "jmh");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
            return;
        }
        if (COMMANDS.contains(args[0]) && Snapshot.needed()) {
            System.exit(Snapshot.relaunch(args));
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "compare" -> System.exit(guard(() -> CompareAgents.run(rest)));
            case "startup" -> System.exit(guard(() -> StartupBench.run(rest)));
            case "sustained" -> System.exit(guard(() -> SustainedCheck.run(rest)));
            case "check" -> System.exit(guard(() -> AgentCheck.run(rest)));
            case "scale" -> System.exit(guard(() -> ScaleBench.run(rest)));
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println("unknown command '" + args[0] + "'");
                usage();
                System.exit(2);
            }
        }
    }

    /** Runs a command: a {@link UsageException} becomes one line on stderr and exit code 2. */
    static int guard(Callable<Integer> command) {
        try {
            return command.call();
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("error: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar benchmarks/target/agentdbg-benchmarks.jar <command> [options]

                  compare    JMH: cost of an instrumented call with no agent, agentdbg and the OpenTelemetry agent
                             --variants baseline,agentdbg,otel  --bench <regex>  --gc (or -prof gc)  --json <file>
                             -wi <n> -w <time> -i <n> -r <time> -f <forks>  --jvm-args "<args>"  --keep-traces  --list
                  startup    wall time of java [agent] com.acme.bench.Hello, per variant
                             --variants ...  --launches 10  --warmup 2  --json <file>
                  sustained  agentdbg at 200,000 calls/s (written + dropped = produced, dropped = 0), then a flood
                             --rate 200000  --duration 30  --flood-duration 10  --flood-variants baseline,agentdbg
                             --skip-paced  --skip-flood  --json <file>
                  check      prove that agentdbg and the OpenTelemetry agent both record spans for com.acme.bench.Work
                  scale      the analyzer on a 1M-span trace made by a real app under agentdbg (generated once, reused):
                             wall time, peak RSS, spans/s, MB/s per command at a small heap, against wc -l and jq
                             --spans 1000000  --xmx 256m  --commands summary,errors,slow,llm,bundle,summary@512m
                             --repeat 3  --regenerate  --generate-only  --rate <calls/s>  --jmh  --no-compare  --json <file>
                  jmh        the plain JMH command line (no agent attached): jmh -l, jmh -h, ...

                Build first: mvn -B -DskipTests package   (see benchmarks/README.md)""");
    }
}
