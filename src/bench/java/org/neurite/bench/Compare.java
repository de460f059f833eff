package org.neurite.bench;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The one command of the comparison of Neurite with its peers, TensorFlow Java ({@link TfRunner}) and
 * DL4J ({@link Dl4jRunner}). For each round, workload and thread setting it starts each framework's
 * runner in its own JVM (same classpath but for TensorFlow's JavaCPP, same JVM flags and
 * {@code OMP_NUM_THREADS}), rotating which goes first, collects their {@link Result} lines and prints
 * the tables: Neurite's figure with each peer's, the ratio and the acceptance bar; each framework's
 * default thread setting against one thread.
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:java -Dexec.mainClass=org.neurite.bench.Compare \
 *     -Dexec.args="--rounds 2 --threads default,1,2 --memory-epochs 5 --memory-limit 12000"
 * </pre>
 * Options: see {@link BenchOptions}. The timed workloads run {@code --rounds} times (default 2) and
 * the table shows medians; the memory workload, five epochs long, runs once, in the first round and
 * at the first thread setting. Children's full output goes to {@code target/bench/logs/}. A workload
 * whose dataset is missing under {@code --data-root} is skipped with a message; the command still
 * exits normally. Needs the Maven profile {@code bench}, which brings the peers; it is no unit test
 * and no part of CI.
 */
public final class Compare {
    /** A child that runs longer than this is stopped. */
    private static final long CHILD_TIMEOUT_MINUTES = 30;
    private static final Map<String, Class<?>> RUNNERS = Map.of(ResultTable.NEURITE, NeuriteRunner.class,
            ResultTable.TF, TfRunner.class, ResultTable.DL4J, Dl4jRunner.class);

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        System.out.println("Neurite vs " + options.frameworks() + ", " + started);
        System.out.println("machine: " + Machine.describe() + "; load average " + Machine.load());
        System.out.println("children: threads " + options.threads().stream().map(BenchOptions::threadsLabel).toList()
                + " (OMP_NUM_THREADS; default: unset), JVM flags " + options.jvmFlags()
                + ", options " + options.runnerArgs() + ", rounds " + options.rounds());

        ChildJvm jvm = new ChildJvm(options.jvmFlags(), Path.of("target", "bench", "logs"), CHILD_TIMEOUT_MINUTES);
        BenchData data = new BenchData(options.dataRoot());
        ResultTable table = new ResultTable();
        List<Workload> workloads = options.workloads();
        List<Integer> settings = options.threads();
        int turn = 0;
        for (int round = 1; round <= options.rounds(); round++) {
            for (Workload workload : workloads) {
                String missing = data.missing(workload);
                if (missing != null) {
                    if (round == 1) {
                        System.out.println("SKIP " + workload.id() + ": " + missing);
                    }
                    continue;
                }
                for (int threads : settings) {
                    if (workload == Workload.MEMORY && (round > 1 || threads != settings.get(0))) {
                        continue;
                    }
                    List<String> order = new ArrayList<>(options.frameworks());
                    Collections.rotate(order, turn++);
                    for (String framework : order) {
                        table.addAll(BenchOptions.threadsLabel(threads),
                                runOne(jvm, options, framework, workload, threads, round));
                    }
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
        System.out.println();
        System.out.print(table.threads());
    }

    private static List<Result> runOne(ChildJvm jvm, BenchOptions options, String framework, Workload workload,
                                       int threads, int round) throws Exception {
        String label = BenchOptions.threadsLabel(threads);
        System.out.printf("round %d, %s, threads %s, %s%n", round, workload.id(), label, framework);
        List<String> args = new ArrayList<>(List.of("--workload", workload.id()));
        args.addAll(options.runnerArgs());
        long t0 = System.nanoTime();
        ChildJvm.Outcome outcome = jvm.run(RUNNERS.get(framework), args, threads,
                "round" + round + "-" + workload.id() + "-t" + label + "-" + framework + ".log");
        System.out.printf("    (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
        if (outcome.exitCode() != 0) {
            System.out.println("    FAILED with exit code " + outcome.exitCode() + "; see " + outcome.log());
        }
        return outcome.results();
    }
}
