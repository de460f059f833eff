package org.neurite.callbacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.neurite.io.FileKey;
import org.neurite.layers.Layer;
import org.neurite.optimizers.Optimizer;

/**
 * The model a {@link Callback} sees during {@code fit} ({@code Model} implements it): what the
 * built-in callbacks need to steer training (stop it, snapshot and restore the weights, read or
 * change the optimizer's learning rate, save a checkpoint, describe the model). Defined here so
 * that callbacks never depend on the models package, which depends on them.
 */
public interface TrainingModel {
    String name();

    /** Every layer once, in the order the forward pass first uses them. */
    List<Layer> layers();

    /** The Keras-style summary table. */
    String summary();

    /** The compiled optimizer (its learning rate is what schedules change). */
    Optimizer optimizer();

    /** Asks a running {@code fit} to stop after the current batch; safe from any thread. */
    void stopTraining(boolean value);

    boolean isStopTraining();

    /** A copy of all weights in one flat array, for {@link #restoreWeights}. */
    INDArray snapshotWeights();

    /** Like {@link #snapshotWeights()}, reusing {@code reuse} when it has the right size. */
    INDArray snapshotWeights(INDArray reuse);

    /** Puts back weights taken by {@link #snapshotWeights()}. */
    void restoreWeights(INDArray snapshot);

    /** All weights in Keras order, as copies. */
    List<INDArray> getWeights();

    /** Saves the model (architecture, weights, optimizer state) to one file. */
    void save(Path path) throws IOException;

    /** Saves the model encrypted with {@code key}. */
    void save(Path path, FileKey key) throws IOException;

    /** Loss and metrics over {@code data}. */
    Map<String, Double> evaluate(Dataset data);

    /** One optimizer step on one batch. */
    Map<String, Double> trainOnBatch(INDArray x, INDArray y);
}
