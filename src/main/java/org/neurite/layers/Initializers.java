package org.neurite.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.TruncatedNormalDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's weight initialisers. Fans follow Keras: a 2-D kernel {@code [in, out]} has fan-in
 * {@code in}; a convolution kernel {@code [k..., in, out]} multiplies both by the window size.
 * Random draws use ND4J's global generator, so {@code Nd4j.getRandom().setSeed(s)} fixes them.
 */
public final class Initializers {
    /** Names accepted by {@link #get(String)}. */
    public static final List<String> NAMES = List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
            "lecun_uniform", "lecun_normal", "zeros", "ones", "random_uniform", "random_normal", "orthogonal");

    // stddev of a unit normal truncated to +-2, which Keras divides out for variance scaling
    private static final double TRUNCATION_CORRECTION = .87962566103423978;

    private Initializers() {
    }

    public static Initializer glorotUniform() {
        return named("glorot_uniform", (t, s) -> uniform(t, s, Math.sqrt(6.0 / (fanIn(s) + fanOut(s)))));
    }

    public static Initializer glorotNormal() {
        return named("glorot_normal", (t, s) -> truncated(t, s, Math.sqrt(2.0 / (fanIn(s) + fanOut(s)))));
    }

    public static Initializer heUniform() {
        return named("he_uniform", (t, s) -> uniform(t, s, Math.sqrt(6.0 / fanIn(s))));
    }

    public static Initializer heNormal() {
        return named("he_normal", (t, s) -> truncated(t, s, Math.sqrt(2.0 / fanIn(s))));
    }

    public static Initializer lecunUniform() {
        return named("lecun_uniform", (t, s) -> uniform(t, s, Math.sqrt(3.0 / fanIn(s))));
    }

    public static Initializer lecunNormal() {
        return named("lecun_normal", (t, s) -> truncated(t, s, Math.sqrt(1.0 / fanIn(s))));
    }

    public static Initializer zeros() {
        return named("zeros", (t, s) -> Nd4j.zeros(t, s));
    }

    public static Initializer ones() {
        return named("ones", (t, s) -> Nd4j.ones(t, s));
    }

    /** Uniform in {@code [min, max)}; Keras's embedding default is (-0.05, 0.05). */
    public static Initializer randomUniform(double min, double max) {
        return named("random_uniform", (t, s) -> Nd4j.rand(t, s).muli(max - min).addi(min));
    }

    public static Initializer randomNormal(double mean, double stddev) {
        return named("random_normal", (t, s) -> Nd4j.randn(t, s).muli(stddev).addi(mean));
    }

    /**
     * A (semi-)orthogonal matrix, as Keras's {@code orthogonal} (gain 1): the Q factor of a
     * standard normal matrix with the signs of R's diagonal folded in (here Gram-Schmidt, whose R
     * has a positive diagonal, so no correction is needed), transposed when the matrix is wide.
     * A {@code [u, 4u]} recurrent kernel therefore has orthonormal rows. Shapes of rank above 2
     * are flattened to {@code [prod(leading), last]}.
     */
    public static Initializer orthogonal() {
        return named("orthogonal", Initializers::orthogonal);
    }

    private static INDArray orthogonal(DataType t, long[] s) {
        if (s.length < 2) {
            throw new IllegalArgumentException("orthogonal: needs a shape of rank 2 or more, got " + Arrays.toString(s));
        }
        long cols = s[s.length - 1];
        long rows = Arrays.stream(s, 0, s.length - 1).reduce(1, (a, b) -> a * b);
        int tall = (int) Math.max(rows, cols);
        int narrow = (int) Math.min(rows, cols);
        double[][] a = Nd4j.randn(DataType.DOUBLE, narrow, tall).toDoubleMatrix();   // a[j] = column j
        for (int j = 0; j < narrow; j++) {                                            // modified Gram-Schmidt
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int r = 0; r < tall; r++) {
                    dot += a[i][r] * a[j][r];
                }
                for (int r = 0; r < tall; r++) {
                    a[j][r] -= dot * a[i][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < tall; r++) {
                norm += a[j][r] * a[j][r];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < tall; r++) {
                a[j][r] /= norm;
            }
        }
        INDArray q = Nd4j.createFromArray(a);                 // [narrow, tall]: the columns of Q as rows
        INDArray m = rows < cols ? q : q.transpose();         // wide: Q^T; tall: Q
        return m.dup('c').reshape(s).castTo(t);
    }

    /** Looks up a Keras initialiser name; the random ones use Keras's default parameters. */
    public static Initializer get(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "glorot_uniform": return glorotUniform();
            case "glorot_normal": return glorotNormal();
            case "he_uniform": return heUniform();
            case "he_normal": return heNormal();
            case "lecun_uniform": return lecunUniform();
            case "lecun_normal": return lecunNormal();
            case "zeros": return zeros();
            case "ones": return ones();
            case "random_uniform": return randomUniform(-0.05, 0.05);
            case "random_normal": return randomNormal(0, 0.05);
            case "orthogonal": return orthogonal();
            default:
                throw new IllegalArgumentException("unknown initializer '" + name + "'; valid names: " + NAMES);
        }
    }

    static long fanIn(long[] shape) {
        return shape.length < 2 ? shape[0] : shape[shape.length - 2] * receptiveField(shape);
    }

    static long fanOut(long[] shape) {
        return shape.length < 2 ? shape[0] : shape[shape.length - 1] * receptiveField(shape);
    }

    private static long receptiveField(long[] shape) {
        return Arrays.stream(shape, 0, shape.length - 2).reduce(1, (a, b) -> a * b);
    }

    private static INDArray uniform(DataType t, long[] s, double limit) {
        return Nd4j.rand(t, s).muli(2 * limit).subi(limit);
    }

    private static INDArray truncated(DataType t, long[] s, double stddev) {
        INDArray out = Nd4j.create(t, s);
        Nd4j.getExecutioner().exec(new TruncatedNormalDistribution(out, 0.0, stddev / TRUNCATION_CORRECTION));
        return out;
    }

    private interface Body {
        INDArray create(DataType type, long[] shape);
    }

    private static Initializer named(String name, Body body) {
        return new Initializer() {
            @Override
            public INDArray create(DataType type, long... shape) {
                return body.create(type, shape);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
