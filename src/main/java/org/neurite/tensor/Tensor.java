package org.neurite.tensor;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.ops.Abs;
import org.neurite.tensor.ops.Add;
import org.neurite.tensor.ops.Clip;
import org.neurite.tensor.ops.Div;
import org.neurite.tensor.ops.Elu;
import org.neurite.tensor.ops.Exp;
import org.neurite.tensor.ops.Gelu;
import org.neurite.tensor.ops.Identity;
import org.neurite.tensor.ops.LeakyRelu;
import org.neurite.tensor.ops.Log;
import org.neurite.tensor.ops.LogSoftmax;
import org.neurite.tensor.ops.MatMul;
import org.neurite.tensor.ops.Max;
import org.neurite.tensor.ops.Mean;
import org.neurite.tensor.ops.Mul;
import org.neurite.tensor.ops.Neg;
import org.neurite.tensor.ops.Permute;
import org.neurite.tensor.ops.Pow;
import org.neurite.tensor.ops.Relu;
import org.neurite.tensor.ops.Reshape;
import org.neurite.tensor.ops.Sigmoid;
import org.neurite.tensor.ops.Slice;
import org.neurite.tensor.ops.Softmax;
import org.neurite.tensor.ops.Sqrt;
import org.neurite.tensor.ops.Sub;
import org.neurite.tensor.ops.Sum;
import org.neurite.tensor.ops.Tanh;

/**
 * An ND4J array with reverse-mode automatic differentiation. Ops applied to tensors that require a
 * gradient are recorded in a define-by-run graph; {@link #backward()} walks it in reverse
 * topological order and accumulates gradients into every {@link #parameter} reached, summing over
 * every path a tensor is used on.
 *
 * <pre>{@code
 * Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 4, 3));
 * Tensor w = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 2));
 * Tensor loss = x.matmul(w).relu().sum();
 * loss.backward();
 * INDArray dw = w.grad();
 * }</pre>
 * Binary ops broadcast with NumPy rules; backward reduces each gradient to its input's shape.
 */
public final class Tensor {
    private final INDArray value;
    private final Autograd node;
    private INDArray mask;

    Tensor(INDArray value, Autograd node) {
        if (value == null) {
            throw new IllegalArgumentException("a Tensor needs a value, got null");
        }
        this.value = value;
        this.node = node;
    }

    // ------------------------------------------------------------------ construction

    /** A tensor that never receives a gradient (data, labels, fixed masks). */
    public static Tensor constant(INDArray value) {
        return new Tensor(value, new Autograd(false, true, null, null, null));
    }

    /** A trainable leaf: {@link #backward()} accumulates its gradient into {@link #grad()}. */
    public static Tensor parameter(INDArray value) {
        return new Tensor(value, new Autograd(true, true, null, null, null));
    }

    /** A scalar constant of the given type. */
    public static Tensor scalar(double v, DataType type) {
        return constant(Nd4j.scalar(type, v));
    }

    /**
     * Applies {@code op} to {@code inputs}: the single dispatch point of every tensor op. The graph
     * is recorded only when gradients are enabled and some input requires one.
     */
    public static Tensor apply(Op op, Tensor... inputs) {
        return Autograd.apply(op, inputs);
    }

    /** A scope in which nothing is recorded: {@code try (var s = Tensor.noGrad()) { ... }}. */
    public static GradMode.Scope noGrad() {
        return GradMode.disable();
    }

    // ------------------------------------------------------------------ accessors

    /** The underlying array. */
    public INDArray value() {
        return value;
    }

    /** The accumulated gradient of a parameter, or null before any backward pass reached it. */
    public INDArray grad() {
        return node.grad();
    }

    public boolean requiresGrad() {
        return node.requiresGrad();
    }

    /** True for tensors made by {@link #constant} or {@link #parameter}, false for op results. */
    public boolean isLeaf() {
        return node.isLeaf();
    }

    public long[] shape() {
        return value.shape().clone();   // ND4J hands out its own shape array
    }

    public int rank() {
        return value.rank();
    }

    public long size(int axis) {
        return value.size(axis < 0 ? axis + value.rank() : axis);
    }

    public DataType dataType() {
        return value.dataType();
    }

    /** The value as a double, for scalars. */
    public double item() {
        if (value.length() != 1) {
            throw new IllegalStateException("item() needs a single-element tensor, got shape " + Arrays.toString(shape()));
        }
        return value.getDouble(0);
    }

    /**
     * The step mask travelling with this tensor, or null: {@code [N, T]} in this tensor's type, 1
     * for a step to use and 0 for padding (set by {@code Embedding.maskZero} or {@code Masking},
     * read by recurrent layers, attention and global pooling).
     */
    public INDArray mask() {
        return mask;
    }

    /**
     * This value carrying {@code stepMask} (null: none). Returns this tensor when it already carries
     * that mask, else a new tensor in the same place of the graph (gradients pass through to this one).
     */
    public Tensor withMask(INDArray stepMask) {
        if (stepMask == mask) {
            return this;
        }
        Tensor out = requiresGrad() && GradMode.isEnabled() ? apply(new Identity(), this) : constant(value);
        out.mask = stepMask;
        return out;
    }

    /** The same value, cut from the graph: no gradient flows through the result. */
    public Tensor detach() {
        return constant(value);
    }

    /** Sets the accumulated gradient to zero (keeping its buffer). */
    public void zeroGrad() {
        node.zeroGrad();
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape()) + (requiresGrad() ? "(grad)" : "") + "\n" + value;
    }

    // ------------------------------------------------------------------ backward

    /** Backpropagates from this scalar (its gradient is 1). */
    public void backward() {
        Backward.run(this);
    }

    /**
     * Backpropagates {@code gradient} (the loss's gradient with respect to this tensor). The
     * graph is released afterwards, so each graph supports one backward pass.
     */
    public void backward(INDArray gradient) {
        Backward.run(this, gradient);
    }

    /** The autograd state: graph links and gradient buffer, for {@link Backward}. */
    Autograd node() {
        return node;
    }

    // ------------------------------------------------------------------ arithmetic (broadcasting), math

    public Tensor add(Tensor other) {
        return apply(new Add(), this, other);
    }

    public Tensor add(double scalar) {
        return add(scalar(scalar, dataType()));
    }

    public Tensor sub(Tensor other) {
        return apply(new Sub(), this, other);
    }

    public Tensor sub(double scalar) {
        return sub(scalar(scalar, dataType()));
    }

    public Tensor mul(Tensor other) {
        return apply(new Mul(), this, other);
    }

    public Tensor mul(double scalar) {
        return mul(scalar(scalar, dataType()));
    }

    public Tensor div(Tensor other) {
        return apply(new Div(), this, other);
    }

    public Tensor div(double scalar) {
        return div(scalar(scalar, dataType()));
    }

    public Tensor neg() {
        return apply(new Neg(), this);
    }

    public Tensor exp() {
        return apply(new Exp(), this);
    }

    public Tensor log() {
        return apply(new Log(), this);
    }

    public Tensor sqrt() {
        return apply(new Sqrt(), this);
    }

    /** Elementwise {@code x^exponent}. */
    public Tensor pow(double exponent) {
        return apply(new Pow(exponent), this);
    }

    public Tensor abs() {
        return apply(new Abs(), this);
    }

    /** Elementwise clamp to {@code [min, max]}; the gradient is zero outside. */
    public Tensor clip(double min, double max) {
        return apply(new Clip(min, max), this);
    }

    // ------------------------------------------------------------------ activations

    public Tensor relu() {
        return apply(new Relu(), this);
    }

    public Tensor leakyRelu(double alpha) {
        return apply(new LeakyRelu(alpha), this);
    }

    public Tensor elu(double alpha) {
        return apply(new Elu(alpha), this);
    }

    public Tensor elu() {
        return elu(1.0);
    }

    /** The exact (erf) GELU. */
    public Tensor gelu() {
        return apply(new Gelu(), this);
    }

    public Tensor sigmoid() {
        return apply(new Sigmoid(), this);
    }

    public Tensor tanh() {
        return apply(new Tanh(), this);
    }

    /** Softmax over the last axis. */
    public Tensor softmax() {
        return softmax(-1);
    }

    public Tensor softmax(int axis) {
        return apply(new Softmax(axis), this);
    }

    /** Log-softmax over the last axis. */
    public Tensor logSoftmax() {
        return logSoftmax(-1);
    }

    public Tensor logSoftmax(int axis) {
        return apply(new LogSoftmax(axis), this);
    }

    // ------------------------------------------------------------------ linear algebra and shape

    /** Matrix product: 2-D x 2-D, batched 3-D x 3-D, or 3-D x 2-D (a shared right operand). */
    public Tensor matmul(Tensor other) {
        return apply(new MatMul(), this, other);
    }

    /** Reverses the axes (the matrix transpose for 2-D). */
    public Tensor transpose() {
        int rank = rank();
        return permute(IntStream.range(0, rank).map(i -> rank - 1 - i).toArray());
    }

    public Tensor permute(int... axes) {
        return apply(new Permute(axes), this);
    }

    /** A new shape with the same elements; one dimension may be -1. */
    public Tensor reshape(long... shape) {
        return apply(new Reshape(shape), this);
    }

    /** Keeps the first axis and flattens the rest: {@code [N, ...] -> [N, prod(...)]}. */
    public Tensor flatten() {
        return reshape(size(0), -1);
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, long start, long end) {
        return apply(new Slice(axis, start, end), this);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (a scalar). */
    public Tensor sum() {
        return apply(new Sum(null, false), this);
    }

    /** Sum over {@code axes}, dropping them. */
    public Tensor sum(int... axes) {
        return apply(new Sum(axes, false), this);
    }

    /** Sum over {@code axes}, keeping them as size-1 dimensions when {@code keepDims}. */
    public Tensor sum(boolean keepDims, int... axes) {
        return apply(new Sum(axes, keepDims), this);
    }

    public Tensor mean() {
        return apply(new Mean(null, false), this);
    }

    public Tensor mean(int... axes) {
        return apply(new Mean(axes, false), this);
    }

    public Tensor mean(boolean keepDims, int... axes) {
        return apply(new Mean(axes, keepDims), this);
    }

    /** Maximum of all elements; the gradient is shared equally among tied maxima. */
    public Tensor max() {
        return apply(new Max(null, false), this);
    }

    public Tensor max(int... axes) {
        return apply(new Max(axes, false), this);
    }

    public Tensor max(boolean keepDims, int... axes) {
        return apply(new Max(axes, keepDims), this);
    }
}
