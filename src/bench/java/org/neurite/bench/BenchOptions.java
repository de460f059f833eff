package org.neurite.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line options of {@link Compare} and of the runners, as {@code --name value} pairs.
 *
 * <table>
 *   <caption>options</caption>
 *   <tr><td>{@code --data-root DIR}</td><td>the datasets folder, default {@code ../shared/datasets}</td></tr>
 *   <tr><td>{@code --warmup N}</td><td>untimed steps before timing, default 30</td></tr>
 *   <tr><td>{@code --steps N}</td><td>timed steps of the CNN, text and LSTM workloads, default 300</td></tr>
 *   <tr><td>{@code --mlp-steps N}</td><td>timed steps of the MLP, default 5000</td></tr>
 *   <tr><td>{@code --memory-epochs N}</td><td>epochs of the memory workload, default 5</td></tr>
 *   <tr><td>{@code --memory-limit N}</td><td>training examples per epoch there, default 12000</td></tr>
 *   <tr><td>{@code --seed N}</td><td>seed of the models and data order, default 1</td></tr>
 *   <tr><td>{@code --workload ID}</td><td>runners: the one workload to run</td></tr>
 *   <tr><td>{@code --workloads A,B}</td><td>Compare: which workloads, default all</td></tr>
 *   <tr><td>{@code --rounds N}</td><td>Compare: rounds of each timed workload, default 2</td></tr>
 *   <tr><td>{@code --threads A,B}</td><td>Compare: the children's thread settings, each {@code default}
 *       (OMP_NUM_THREADS unset: each framework's own default) or a number (OMP_NUM_THREADS, and
 *       TensorFlow's intra-op threads), default {@code default,1}</td></tr>
 *   <tr><td>{@code --frameworks A,B}</td><td>Compare: {@code neurite}, {@code tf}, {@code dl4j}, default
 *       all three</td></tr>
 *   <tr><td>{@code --jvm "FLAGS"}</td><td>Compare: the children's JVM flags, default {@value #DEFAULT_JVM}</td></tr>
 * </table>
 * The default JVM flags fix the Java heap at 1 GiB and touch all of it at start-up, so that RSS
 * changes during a run are native (off-heap) memory, not the heap's pages being touched for the
 * first time as the garbage collector cycles through them; both frameworks use well under 200 MiB
 * of heap.
 */
public final class BenchOptions {
    /** The children's JVM flags unless {@code --jvm} says otherwise. */
    public static final String DEFAULT_JVM = "-Xms1g -Xmx1g -XX:+AlwaysPreTouch";
    private static final List<String> KNOWN = List.of("data-root", "warmup", "steps", "mlp-steps", "memory-epochs",
            "memory-limit", "seed", "workload", "workloads", "rounds", "threads", "frameworks", "jvm");
    /** The options a runner understands, passed on by {@link Compare}. */
    static final List<String> RUNNER_OPTIONS = List.of("data-root", "warmup", "steps", "mlp-steps",
            "memory-epochs", "memory-limit", "seed");

    private final Map<String, String> values = new LinkedHashMap<>();

    private BenchOptions() {
    }

    /** Parses {@code --name value} pairs; throws naming the known options on anything else. */
    public static BenchOptions parse(String[] args) {
        BenchOptions options = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !KNOWN.contains(name)) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; options: --"
                        + String.join(" --", KNOWN));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            options.values.put(name, args[++i]);
        }
        return options;
    }

    public Path dataRoot() {
        return Path.of(values.getOrDefault("data-root", "../shared/datasets"));
    }

    public int warmup() {
        return integer("warmup", 30, 0);
    }

    public int steps() {
        return integer("steps", 300, 1);
    }

    public int mlpSteps() {
        return integer("mlp-steps", 5000, 1);
    }

    public int memoryEpochs() {
        return integer("memory-epochs", 5, 1);
    }

    public int memoryLimit() {
        return integer("memory-limit", 12_000, 32);
    }

    public long seed() {
        return Long.parseLong(values.getOrDefault("seed", "1"));
    }

    public Workload workload() {
        String id = values.get("workload");
        if (id == null) {
            throw new IllegalArgumentException("--workload is required; one of "
                    + Arrays.stream(Workload.values()).map(Workload::id).toList());
        }
        return Workload.of(id);
    }

    public List<Workload> workloads() {
        String ids = values.get("workloads");
        if (ids == null) {
            return List.of(Workload.values());
        }
        List<Workload> out = new ArrayList<>();
        for (String id : ids.split(",")) {
            out.add(Workload.of(id));
        }
        return out;
    }

    public int rounds() {
        return integer("rounds", 2, 1);
    }

    /** The thread settings to measure, {@link ChildJvm#DEFAULT_THREADS} standing for {@code default}. */
    public List<Integer> threads() {
        List<Integer> out = new ArrayList<>();
        for (String t : values.getOrDefault("threads", "default,1").split(",")) {
            int n = t.strip().equals("default") ? ChildJvm.DEFAULT_THREADS : Integer.parseInt(t.strip());
            if (n < 0) {
                throw new IllegalArgumentException("--threads takes 'default' or thread counts >= 1, got " + t);
            }
            out.add(n);
        }
        return out;
    }

    /** The frameworks to run, Neurite first; the others are the peers it is compared with. */
    public List<String> frameworks() {
        List<String> out = new ArrayList<>();
        for (String f : values.getOrDefault("frameworks", "neurite,tf,dl4j").split(",")) {
            String name = f.strip();
            if (!List.of(ResultTable.NEURITE, ResultTable.TF, ResultTable.DL4J).contains(name)) {
                throw new IllegalArgumentException("--frameworks: unknown '" + name + "'; known: neurite, tf, dl4j");
            }
            out.add(name);
        }
        return out;
    }

    /** The label of a thread setting in tables: {@code default} or the count. */
    static String threadsLabel(int threads) {
        return threads == ChildJvm.DEFAULT_THREADS ? "default" : String.valueOf(threads);
    }

    /** The children's JVM flags. */
    public List<String> jvmFlags() {
        return List.of(values.getOrDefault("jvm", DEFAULT_JVM).trim().split("\\s+"));
    }

    /** The runner options given here, as arguments to pass to a child JVM. */
    List<String> runnerArgs() {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if (RUNNER_OPTIONS.contains(k)) {
                out.add("--" + k);
                out.add(v);
            }
        });
        return out;
    }

    private int integer(String name, int fallback, int min) {
        int v = Integer.parseInt(values.getOrDefault(name, String.valueOf(fallback)));
        if (v < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + v);
        }
        return v;
    }
}
