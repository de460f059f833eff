package org.neurite.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a runner in a fresh JVM: the {@code java} of {@code java.home}, this JVM's classpath, the
 * given JVM flags and {@code OMP_NUM_THREADS} (left unset for a framework's default). The child's
 * output (stdout and stderr) goes to a log file; its {@code RESULT}, {@code SKIP} and {@code #}
 * lines are echoed and collected. {@link TfRunner}'s classpath has ND4J's JavaCPP 1.5.7 jars
 * replaced by the 1.5.11 ones TensorFlow Java needs (copied to {@value #TF_JAVACPP} by the
 * {@code bench} profile); ND4J, which only loads the data there, runs on them too.
 */
final class ChildJvm {
    /** What one child run gave. */
    record Outcome(int exitCode, List<Result> results, List<String> skips, Path log) {
    }

    /** Where the {@code bench} profile copies TensorFlow Java's JavaCPP jars. */
    static final String TF_JAVACPP = "target/bench/tf-javacpp";
    /** The thread setting that leaves {@code OMP_NUM_THREADS} unset. */
    static final int DEFAULT_THREADS = 0;

    private final List<String> flags;
    private final Path logs;
    private final long timeoutMinutes;

    ChildJvm(List<String> flags, Path logs, long timeoutMinutes) {
        this.flags = List.copyOf(flags);
        this.logs = logs;
        this.timeoutMinutes = timeoutMinutes;
    }

    /**
     * Runs {@code mainClass} with {@code args} and {@code threads} OpenMP threads ({@link #DEFAULT_THREADS}:
     * {@code OMP_NUM_THREADS} unset), logging to {@code logName} under the log folder.
     */
    Outcome run(Class<?> mainClass, List<String> args, int threads, String logName)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(mainClass == TfRunner.class ? tfClasspath() : classpath());
        command.add(mainClass.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (threads == DEFAULT_THREADS) {
            builder.environment().remove("OMP_NUM_THREADS");
        } else {
            builder.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        }
        Files.createDirectories(logs);
        Path log = logs.resolve(logName);
        List<Result> results = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        Process process = builder.start();
        Thread reader = new Thread(() -> copy(process, log, results, skips), "child-output");
        reader.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            System.out.println("    timed out after " + timeoutMinutes + " min; stopping the child");
            process.destroyForcibly().waitFor();
        }
        reader.join();
        return new Outcome(process.exitValue(), results, skips, log);
    }

    private static void copy(Process process, Path log, List<Result> results, List<String> skips) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                if (Result.isResult(line)) {
                    results.add(Result.parse(line));
                    System.out.println("    " + line);
                } else if (line.startsWith("SKIP ") || line.startsWith("# ")) {
                    if (line.startsWith("SKIP ")) {
                        skips.add(line.substring(5));
                    }
                    System.out.println("    " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #classpath()} with every JavaCPP 1.5.7 jar replaced by the jars in {@value #TF_JAVACPP}. */
    static String tfClasspath() throws IOException {
        Path folder = Path.of(TF_JAVACPP);
        if (!Files.isDirectory(folder)) {
            throw new IOException("no " + folder.toAbsolutePath() + ": run through the Maven profile bench, "
                    + "which copies TensorFlow Java's JavaCPP jars there");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classpath().split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("javacpp-1.5.7")) {
                entries.add(entry);
            }
        }
        try (var jars = Files.list(folder)) {
            jars.sorted().forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The classpath of the benchmark classes: the URLs of their class loader when it is a
     * {@link URLClassLoader} (under {@code mvn exec:java}, whose own {@code java.class.path} is
     * Maven's launcher), else {@code java.class.path}.
     */
    static String classpath() {
        if (ChildJvm.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("classpath entry " + url, e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
