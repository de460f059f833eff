package org.neurite.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.models.DistributedFit;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;
import org.neurite.models.Replica;
import scala.Tuple2;

/**
 * Trains a Neurite model on Apache Spark (docs/distributed.md). The model (config and weights)
 * ships to the executors once, in Neurite's own file format; per step only weights and gradients
 * move, through Spark (broadcasts and {@code treeAggregate}). Metrics, the progress bar, the
 * {@link History} and callbacks run on the driver as in {@link Model#fit}; the trained weights end
 * up in the model given.
 *
 * <pre>{@code
 * SparkTrainer trainer = new SparkTrainer(spark).mode(SparkTrainer.Mode.SYNCHRONOUS).workers(2);
 * History h = trainer.fit(model, frame, Fit.epochs(2).batchSize(64));
 * }</pre>
 */
public final class SparkTrainer {
    /** How the workers' work is combined. */
    public enum Mode {
        /** Data-parallel SGD: each global batch split over the workers, gradients summed, one update. */
        SYNCHRONOUS,
        /** Each worker trains {@code averagingFrequency} local steps, then weights and optimizer state are averaged. */
        PARAMETER_AVERAGING
    }

    private final SparkSession spark;
    private Mode mode = Mode.SYNCHRONOUS;
    private int workers;
    private int averagingFrequency = 5;
    private String featuresColumn = "features";
    private String labelColumn = "label";
    private int checkpointSteps;
    private String checkpointPath;
    private FaultHook faultHook = FaultHook.NONE;

    public SparkTrainer(SparkSession spark) {
        this.spark = spark;
        this.workers = spark.sparkContext().defaultParallelism();
    }

    public SparkTrainer mode(Mode value) {
        this.mode = value;
        return this;
    }

    /** The number of workers (data partitions); Spark's default parallelism unless set. */
    public SparkTrainer workers(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("SparkTrainer: workers must be >= 1, got " + value);
        }
        this.workers = value;
        return this;
    }

    /** Local steps between two averagings in {@link Mode#PARAMETER_AVERAGING} (default 5). */
    public SparkTrainer averagingFrequency(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("SparkTrainer: averagingFrequency must be >= 1, got " + steps);
        }
        this.averagingFrequency = steps;
        return this;
    }

    /** The frame's features column (default "features"). */
    public SparkTrainer featuresColumn(String name) {
        this.featuresColumn = name;
        return this;
    }

    /** The frame's label column (default "label"). */
    public SparkTrainer labelColumn(String name) {
        this.labelColumn = name;
        return this;
    }

    /**
     * Writes the model and optimizer state to the Hadoop folder {@code path} every {@code steps}
     * driver steps (a synchronous step, or an averaging round); {@code fit} resumes from the newest
     * checkpoint there, so a run restarted after a crash ends as the uninterrupted run would.
     */
    public SparkTrainer checkpointEvery(int steps, String path) {
        if (steps < 1 || path == null) {
            throw new IllegalArgumentException("SparkTrainer: checkpointEvery needs steps >= 1 and a path, got "
                    + steps + ", " + path);
        }
        this.checkpointSteps = steps;
        this.checkpointPath = path;
        return this;
    }

    /** Tests only: called at the start of every task. */
    SparkTrainer faultHook(FaultHook hook) {
        this.faultHook = hook;
        return this;
    }

    /**
     * Trains {@code model} on a frame with a features column (reshaped to the model's input shape)
     * and a label column. Every row is checked before training starts.
     *
     * @throws IllegalArgumentException naming the partition and index of the first bad row (null,
     *         NaN or infinite values, wrong length), or a missing column
     */
    public History fit(Model model, org.apache.spark.sql.Dataset<Row> frame, Fit options) {
        requireTrainable(model);
        RowReader reader = RowReader.of(frame.schema(), featuresColumn, labelColumn, model.inputShape(),
                labelShape(model));
        return train(model, frame.javaRDD(), reader::read, options, reader.labelShape());
    }

    /** Trains {@code model} on a local dataset with one input and one label array, parallelised over the workers. */
    public History fit(Model model, org.neurite.data.Dataset data, Fit options) {
        requireTrainable(model);
        if (data.inputs().size() != 1 || data.targets().size() != 1) {
            throw new IllegalArgumentException("SparkTrainer: the dataset needs one input and one label array, got "
                    + data.inputs().size() + " and " + data.targets().size());
        }
        INDArray x = data.features();
        INDArray y = data.labels();
        long[] inputShape = model.inputShape();
        if (!Arrays.equals(Arrays.copyOfRange(x.shape(), 1, x.rank()), inputShape)) {
            throw new IllegalArgumentException("SparkTrainer: features of shape " + Arrays.toString(x.shape())
                    + " do not fit the model's input " + Arrays.toString(inputShape));
        }
        long[] labelShape = Arrays.copyOfRange(y.shape(), 1, y.rank());
        float[][] features = x.reshape(x.size(0), -1).castTo(DataType.FLOAT).toFloatMatrix();
        float[][] labels = y.reshape(y.size(0), -1).castTo(DataType.FLOAT).toFloatMatrix();
        List<Example> examples = new ArrayList<>(features.length);
        for (int i = 0; i < features.length; i++) {
            examples.add(new Example(features[i], labels[i]));
        }
        JavaRDD<Example> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(examples, workers);
        return train(model, rows, e -> {
            RowReader.check(e.features(), "features", inputShape);
            RowReader.check(e.label(), "label", labelShape);
            return e;
        }, options, labelShape);
    }

    private <T> History train(Model model, JavaRDD<T> rows, Function<T, Example> read, Fit options, long[] labelShape) {
        requireSupported(options);
        long examples = RowCheck.count(rows, read);
        if (examples == 0) {
            throw new IllegalArgumentException("SparkTrainer: the training data has no rows");
        }
        Layout layout = new Layout(model.inputShape(), labelShape, examples, workers, options.batchSize(),
                options.shuffle(), options.seed());
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Example> shards = rows.map(read).zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .repartitionAndSortWithinPartitions(new BatchSlots(workers, options.batchSize()))
                .values()
                .persist(StorageLevel.MEMORY_ONLY());
        Checkpoints checkpoints = checkpointPath == null ? null
                : new Checkpoints(checkpointPath, checkpointSteps, spark.sparkContext().hadoopConfiguration());
        long done = checkpoints == null ? 0 : checkpoints.restoreLatest(model);
        Broadcast<byte[]> file = context.broadcast(ModelBytes.of(model));   // after the restore: the resumed weights
        RunContext run = new RunContext(UUID.randomUUID().toString(), layout, file, faultHook);
        Replica driver = Replica.of(model);
        int steps = layout.stepsPerEpoch();
        int perEpoch = mode == Mode.SYNCHRONOUS ? steps : (steps + averagingFrequency - 1) / averagingFrequency;
        int firstEpoch = done > 0 ? (int) (done / perEpoch) : options.initialEpoch();
        int firstStep = done > 0 ? (int) (done % perEpoch) : 0;
        try {
            return DistributedFit.run(model, options, perEpoch, firstEpoch, firstStep, (epoch, step, scores) -> {
                long driverStep = (long) epoch * perEpoch + step;
                if (mode == Mode.SYNCHRONOUS) {
                    SyncStep.run(context, shards, run, driver, epoch, step, driverStep, scores);
                } else {
                    int first = step * averagingFrequency;
                    AveragingRound.run(context, shards, run, driver, epoch, first,
                            Math.min(steps, first + averagingFrequency), driverStep, scores);
                }
                if (checkpoints != null) {
                    checkpoints.afterStep(model, driverStep + 1);
                }
            });
        } finally {
            String id = run.runId();
            shards.foreachPartition(ignored -> Workers.forget(id));   // the executors' replicas and shards
            Workers.forget(id);
            shards.unpersist(false);
            file.destroy();
        }
    }

    private static void requireTrainable(Model model) {
        if (!model.isBuilt() || !model.isCompiled()) {
            throw new IllegalStateException("SparkTrainer: model '" + model.name() + "' must be built and compiled");
        }
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException("SparkTrainer: model '" + model.name() + "' has " + model.inputs().size()
                    + " inputs and " + model.outputs().size() + " outputs; distributed training takes one of each");
        }
    }

    private static void requireSupported(Fit options) {
        if (options.validationSplit() > 0 || options.classWeight() != null || !options.augmentation().isIdentity()) {
            throw new IllegalArgumentException("SparkTrainer: validationSplit, classWeight and augment are not "
                    + "supported in distributed training; pass validationData, and augment the frame beforehand");
        }
    }

    /** A label per example: one class id for sparse categorical cross-entropy, else the output's shape. */
    private static long[] labelShape(Model model) {
        return model.loss().name().equals("sparse_categorical_crossentropy") ? new long[0] : model.outputShape();
    }
}
