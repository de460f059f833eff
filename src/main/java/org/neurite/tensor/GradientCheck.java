package org.neurite.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the gradients autograd computes with central finite differences, in double precision.
 *
 * <p>Inputs that are DOUBLE, c-ordered, dense leaves are used as they are (a parameter's gradient
 * is zeroed first and holds the analytic gradient afterwards), so {@code f} may ignore its
 * argument list and read them directly, as a layer reads its own weights. Other inputs are copied
 * to DOUBLE, so any constant {@code f} closes over should be DOUBLE too. A non-scalar output is
 * projected onto a fixed random direction ({@code L = sum(f(x) * R)}), so every output element is
 * checked, not only their sum.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.check(in -> in.get(0).tanh().sum(), List.of(w));
 * assertTrue(r.passed(), r.toString());
 * }</pre>
 */
public final class GradientCheck {
    /** Step of the central difference. */
    public static final double DEFAULT_EPSILON = 1e-6;
    /** Largest accepted |analytic - numeric| / (|analytic| + |numeric|). */
    public static final double DEFAULT_MAX_RELATIVE_ERROR = 1e-5;
    /** Absolute differences below this pass whatever their relative size (both near zero). */
    public static final double DEFAULT_MIN_ABSOLUTE_ERROR = 1e-8;

    private GradientCheck() {
    }

    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return check(f, inputs, DEFAULT_EPSILON, DEFAULT_MAX_RELATIVE_ERROR, DEFAULT_MIN_ABSOLUTE_ERROR);
    }

    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs,
                               double epsilon, double maxRelativeError, double minAbsoluteError) {
        List<Tensor> params = new ArrayList<>();
        for (Tensor t : inputs) {
            if (usableAsIs(t)) {
                t.zeroGrad();
                params.add(t);
                continue;
            }
            INDArray v = t.value().castTo(DataType.DOUBLE).dup('c');
            params.add(t.requiresGrad() ? Tensor.parameter(v) : Tensor.constant(v));
        }
        Tensor out = f.apply(params);
        INDArray direction = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(42), out.shape())
                .castTo(DataType.DOUBLE).subi(0.5).muli(2);
        if (out.value().length() == 1) {
            direction = Nd4j.ones(DataType.DOUBLE, out.shape());
        }
        out.backward(direction);

        Result result = new Result(maxRelativeError, minAbsoluteError);
        for (int p = 0; p < params.size(); p++) {
            Tensor param = params.get(p);
            if (!param.requiresGrad()) {
                continue;
            }
            INDArray value = param.value();
            INDArray analytic = param.grad() == null ? Nd4j.zeros(DataType.DOUBLE, value.shape()) : param.grad();
            INDArray flatValue = value.reshape(value.length());
            INDArray flatGrad = analytic.reshape(analytic.length());
            for (long i = 0; i < value.length(); i++) {
                double original = flatValue.getDouble(i);
                flatValue.putScalar(i, original + epsilon);
                double plus = project(f, params, direction);
                flatValue.putScalar(i, original - epsilon);
                double minus = project(f, params, direction);
                flatValue.putScalar(i, original);
                result.record(p, i, flatGrad.getDouble(i), (plus - minus) / (2 * epsilon));
            }
        }
        return result;
    }

    /** A leaf whose value can be perturbed in place through a flat view. */
    private static boolean usableAsIs(Tensor t) {
        INDArray v = t.value();
        return t.isLeaf() && v.dataType() == DataType.DOUBLE && v.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(v);
    }

    private static double project(Function<List<Tensor>, Tensor> f, List<Tensor> params, INDArray direction) {
        try (GradMode.Scope ignored = Tensor.noGrad()) {
            INDArray y = f.apply(params).value();
            return y.castTo(DataType.DOUBLE).mul(direction).sumNumber().doubleValue();
        }
    }

    /** The outcome of a check, with the worst element found. */
    public static final class Result {
        private final double maxRelativeError;
        private final double minAbsoluteError;
        private long checked;
        private long failed;
        private double worstRelative = 0;
        private int worstInput = -1;
        private long worstIndex = -1;
        private double worstAnalytic;
        private double worstNumeric;

        Result(double maxRelativeError, double minAbsoluteError) {
            this.maxRelativeError = maxRelativeError;
            this.minAbsoluteError = minAbsoluteError;
        }

        void record(int input, long index, double analytic, double numeric) {
            checked++;
            double abs = Math.abs(analytic - numeric);
            double rel = abs == 0 ? 0 : abs / (Math.abs(analytic) + Math.abs(numeric));
            boolean bad = Double.isNaN(analytic) || Double.isNaN(numeric)
                    || (rel > maxRelativeError && abs > minAbsoluteError);
            if (bad) {
                failed++;
            }
            double score = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : (abs > minAbsoluteError ? rel : 0);
            if (worstInput < 0 || score > worstRelative || (bad && failed == 1)) {
                worstRelative = score;
                worstInput = input;
                worstIndex = index;
                worstAnalytic = analytic;
                worstNumeric = numeric;
            }
        }

        public boolean passed() {
            return failed == 0 && checked > 0;
        }

        public long checked() {
            return checked;
        }

        public long failed() {
            return failed;
        }

        /** The largest relative error among elements whose absolute error exceeded the floor. */
        public double maxRelativeError() {
            return worstRelative;
        }

        @Override
        public String toString() {
            return String.format("gradient check %s: %d of %d elements failed; worst: input %d, element %d, "
                            + "analytic %.10g vs numeric %.10g (relative error %.3g, limit %.1g)",
                    passed() ? "passed" : "FAILED", failed, checked, worstInput, worstIndex,
                    worstAnalytic, worstNumeric, worstRelative, maxRelativeError);
        }
    }

}
