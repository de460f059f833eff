package org.neurite.bench;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The one command of the Neurite-versus-DL4J comparison. For each round and workload it starts
 * {@link NeuriteRunner} and {@link Dl4jRunner} in their own JVMs (same classpath, JVM flags and
 * {@code OMP_NUM_THREADS}), alternating which goes first, collects their {@link Result} lines and
 * prints one table: workload, metric, Neurite, DL4J, ratio and the acceptance bar.
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:java -Dexec.mainClass=org.neurite.bench.Compare \
 *     -Dexec.args="--rounds 2 --threads 1 --memory-epochs 5 --memory-limit 12000"
 * </pre>
 * Options: see {@link BenchOptions}. The timed workloads run {@code --rounds} times (default 2) and
 * the table shows medians; the memory workload, five epochs long, runs once, in the first round.
 * Children's full output goes to {@code target/bench/logs/}. A workload whose dataset is missing
 * under {@code --data-root} is skipped with a message; the command still exits normally. Needs
 * the Maven profile {@code bench}, which brings DL4J; it is no unit test and no part of CI.
 */
public final class Compare {
    /** A child that runs longer than this is stopped. */
    private static final long CHILD_TIMEOUT_MINUTES = 30;

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        System.out.println("Neurite vs DL4J, " + started);
        System.out.println("machine: " + Machine.describe() + "; load average " + Machine.load());
        System.out.println("children: OMP_NUM_THREADS=" + options.threads() + ", JVM flags " + options.jvmFlags()
                + ", options " + options.runnerArgs() + ", rounds " + options.rounds());

        ChildJvm jvm = new ChildJvm(options.jvmFlags(), options.threads(), Path.of("target", "bench", "logs"),
                CHILD_TIMEOUT_MINUTES);
        BenchData data = new BenchData(options.dataRoot());
        ResultTable table = new ResultTable();
        List<Workload> workloads = options.workloads();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int i = 0; i < workloads.size(); i++) {
                Workload workload = workloads.get(i);
                if (workload == Workload.MEMORY && round > 1) {
                    continue;
                }
                String missing = data.missing(workload);
                if (missing != null) {
                    if (round == 1) {
                        System.out.println("SKIP " + workload.id() + ": " + missing);
                    }
                    continue;
                }
                boolean neuriteFirst = (round + i) % 2 == 0;
                Class<?> first = neuriteFirst ? NeuriteRunner.class : Dl4jRunner.class;
                Class<?> second = neuriteFirst ? Dl4jRunner.class : NeuriteRunner.class;
                for (Class<?> runner : List.of(first, second)) {
                    table.addAll(runOne(jvm, options, runner, workload, round));
                }
            }
        }
        System.out.println();
        System.out.println("load average at the end: " + Machine.load());
        if (table.isEmpty()) {
            System.out.println("no results (datasets missing?)");
            return;
        }
        System.out.println("every run:");
        System.out.print(table.runs());
        System.out.println();
        System.out.print(table.efficiency());
        System.out.println();
        System.out.print(table.summary());
    }

    private static List<Result> runOne(ChildJvm jvm, BenchOptions options, Class<?> runner, Workload workload,
                                       int round) throws Exception {
        String framework = runner == NeuriteRunner.class ? ResultTable.NEURITE : ResultTable.DL4J;
        System.out.printf("round %d, %s, %s%n", round, workload.id(), framework);
        List<String> args = new ArrayList<>(List.of("--workload", workload.id()));
        args.addAll(options.runnerArgs());
        long t0 = System.nanoTime();
        ChildJvm.Outcome outcome = jvm.run(runner, args, "round" + round + "-" + workload.id() + "-" + framework + ".log");
        System.out.printf("    (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
        if (outcome.exitCode() != 0) {
            System.out.println("    FAILED with exit code " + outcome.exitCode() + "; see " + outcome.log());
        }
        return outcome.results();
    }
}
