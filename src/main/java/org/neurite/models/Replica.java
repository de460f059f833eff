package org.neurite.models;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

/**
 * The deliberate entry point into a model's training internals for trainers that run the steps
 * of {@code fit} elsewhere (org.neurite.spark): the same loss step, flat parameter and gradient
 * buffers and optimizer as {@link Model#fit}, one piece at a time, so that a gradient can be
 * computed on one machine and applied on another. Nothing here calls out of this package.
 *
 * <p>A replica belongs to one thread at a time, like a training model.
 */
public final class Replica {
    private final Model model;
    private final Compiled compiled;

    private Replica(Model model, Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    /**
     * The training internals of {@code model}, which must be built and compiled.
     *
     * @throws IllegalStateException naming the model when it is not
     */
    public static Replica of(Model model) {
        model.requireBuilt("distributed training");
        return new Replica(model, model.compiled("distributed training"));
    }

    public Model model() {
        return model;
    }

    /** The live flat buffer of every weight (write into it to set the weights). */
    public INDArray parameters() {
        return model.store().values();
    }

    /** The live flat gradient buffer, in the layout of {@link #parameters()}. */
    public INDArray gradients() {
        return model.store().grads();
    }

    /** What one shard's forward and backward pass gave: its mean loss and the model's outputs. */
    public record Shard(double loss, INDArray predictions) {
    }

    /**
     * Computes {@code scale} times the gradient of the loss of the batch ({@code x}, {@code y})
     * into {@link #gradients()} (replacing what was there), as one step of {@code fit} does before
     * its update. With {@code scale = n_k / n} for a shard of {@code n_k} of a batch's {@code n}
     * examples, the shards' gradients sum to the whole batch's: the loss is a mean over examples
     * and the regularisation penalty, counted once per shard, gets weights summing to 1.
     */
    public Shard backward(List<INDArray> x, List<INDArray> y, double scale) {
        try (MemoryScope scope = MemoryScope.open("train")) {
            return lossAndGradient(x, y, scale);
        }
    }

    /** One optimizer update from the gradients now in {@link #gradients()}, as {@code fit}'s step ends. */
    public void update() {
        try (MemoryScope scope = MemoryScope.open("distributed update")) {   // its own pool: other shapes
            compiled.optimizer().step(targets());
        }
    }

    /** One whole step of {@code fit} on the batch ({@code x}, {@code y}): backward and update in one memory scope. */
    public Shard train(List<INDArray> x, List<INDArray> y) {
        try (MemoryScope scope = MemoryScope.open("train")) {
            Shard shard = lossAndGradient(x, y, 1);
            compiled.optimizer().step(targets());
            return shard;
        }
    }

    private Shard lossAndGradient(List<INDArray> x, List<INDArray> y, double scale) {
        List<INDArray> inputs = InputTypes.inputs(model, x, "distributed fit");
        List<INDArray> targets = InputTypes.targets(model, compiled.loss(), y);
        model.store().zeroGrad();
        LossStep.Result r = LossStep.compute(model, compiled.loss(), inputs, targets, null, true);
        r.loss().backward();
        if (scale != 1) {
            gradients().muli(scale);
        }
        return new Shard(r.loss().item(), Allocator.persistentCopy(r.predictions()));
    }

    /** Copies of the optimizer's state ({@link org.neurite.optimizers.Optimizer#state}) for this model's parameters. */
    public Map<String, INDArray> optimizerState() {
        return compiled.optimizer().state(targets());
    }

    public long optimizerIterations() {
        return compiled.optimizer().iterations();
    }

    /** Replaces the optimizer's state and step count with what {@link #optimizerState()} gave (here or on a replica). */
    public void loadOptimizerState(Map<String, INDArray> state, long iterations) {
        compiled.optimizer().loadState(targets(), state, iterations);
    }

    private List<Tensor> targets() {
        return model.store().optimizerTargets(compiled.optimizer().updatesElementwise());
    }
}
