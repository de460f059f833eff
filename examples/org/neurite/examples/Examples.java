package org.neurite.examples;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;

/**
 * What every example main shares: options, seeding, timing, the closing lines and the
 * training-curve picture. A bad option or missing data ends the program with the message on
 * standard error and exit code 2 instead of a stack trace.
 */
final class Examples {
    /** The body of an example, given its parsed options. */
    interface Body {
        void run(ExampleArgs options) throws IOException;
    }

    private Examples() {
    }

    /**
     * Parses {@code args} (the common options plus {@code extraOptions}), seeds ND4J's random
     * generator with {@code --seed}, and runs {@code body}. A {@link ExampleArgs.BadOption} or an
     * {@link IOException} (the loaders' "not found" error lists every place they looked) is printed
     * to standard error and the JVM exits with code 2.
     */
    static void main(String[] args, Body body, String... extraOptions) {
        try {
            ExampleArgs options = ExampleArgs.parse(args, extraOptions);
            Nd4j.getRandom().setSeed(options.seed());
            body.run(options);
        } catch (NoSuchFileException e) {
            System.err.println("error: no such file: " + e.getMessage());
            System.exit(2);
        } catch (ExampleArgs.BadOption | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** {@code data}, or its first {@code --train-limit} examples when that option is set. */
    static Dataset limit(Dataset data, ExampleArgs options) {
        return options.trainLimit() > 0 ? data.take(options.trainLimit()) : data;
    }

    /**
     * {@code model.fit(train, fit)} with a {@link Throughput} callback added; prints the training
     * speed at the end and returns the history.
     */
    static History fit(Model model, Dataset train, Fit fit) {
        long held = (long) Math.floor(train.size() * fit.validationSplit());
        long trained = train.size() - held;
        Throughput speed = new Throughput(trained);
        History history = model.fit(train, fit.callbacks(speed));
        System.out.printf(Locale.ROOT, "trained on %,d examples x %d epochs%s: %.1f s, %,.0f samples/s%n", trained,
                history.epochs().size(), held > 0 ? String.format(Locale.ROOT, " (%,d held out for validation)", held)
                : "", speed.trainingSeconds(), speed.samplesPerSecond());
        return history;
    }

    /** Prints the test scores and writes the training curves to {@code <out>/<file>}. */
    static void finish(String title, Map<String, Double> scores, long testSize, History history, ExampleArgs options,
                       String file) throws IOException {
        StringBuilder line = new StringBuilder(title + ": test");
        scores.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f,", k, v)));
        line.setLength(line.length() - 1);
        System.out.printf(Locale.ROOT, "%s on %,d examples%n", line, testSize);
        Path picture = TrainingCurves.write(history, options.out().resolve(file), title);
        System.out.println("training curves: " + picture);
    }
}
