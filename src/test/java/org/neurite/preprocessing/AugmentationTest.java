package org.neurite.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AugmentationTest {

    /** n distinct images [n, h, w, c]: value = 1 + a different number per position. */
    private static INDArray images(int n, int h, int w, int c) {
        return Nd4j.arange(n * h * w * c).castTo(DataType.FLOAT).addi(1).reshape('c', n, h, w, c);
    }

    private static INDArray constant(int n, double value) {
        return Nd4j.valueArrayOf(new long[] {n}, value, DataType.DOUBLE);
    }

    private static ImageWarp.Params params(int n, double flipH, double flipV, double degrees, double dy, double dx) {
        return new ImageWarp.Params(constant(n, flipH), constant(n, flipV), constant(n, Math.toRadians(degrees)),
                constant(n, dy), constant(n, dx));
    }

    /** Reference: out[b, i, j, k] = x[b, f(i, j)..., k] computed with plain loops. */
    private interface Source {
        /** {row, col} of the source pixel for output (i, j), or null for zero fill. */
        int[] at(int i, int j);
    }

    private static INDArray expected(INDArray x, Source source) {
        int n = (int) x.size(0);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        int c = (int) x.size(3);
        INDArray out = Nd4j.zeros(x.dataType(), n, h, w, c);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int[] s = source.at(i, j);
                    if (s != null && s[0] >= 0 && s[0] < h && s[1] >= 0 && s[1] < w) {
                        for (int k = 0; k < c; k++) {
                            out.putScalar(new long[] {b, i, j, k}, x.getDouble(b, s[0], s[1], k));
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void horizontalAndVerticalFlipsAreExactReversals() {
        INDArray x = images(2, 4, 5, 3);
        for (boolean bilinear : new boolean[] {true, false}) {
            assertEquals(expected(x, (i, j) -> new int[] {i, 4 - j}), ImageWarp.apply(x, params(2, 1, 0, 0, 0, 0), bilinear));
            assertEquals(expected(x, (i, j) -> new int[] {3 - i, j}), ImageWarp.apply(x, params(2, 0, 1, 0, 0, 0), bilinear));
            assertEquals(expected(x, (i, j) -> new int[] {3 - i, 4 - j}),
                    ImageWarp.apply(x, params(2, 1, 1, 0, 0, 0), bilinear));
        }
    }

    @Test
    void randomFlipMirrorsSomeExamplesAndKeepsTheOthers() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = images(64, 3, 4, 1);
        INDArray mirrored = expected(x, (i, j) -> new int[] {i, 3 - j});
        INDArray out = Augmentation.none().randomFlip("horizontal").apply(x);
        int flipped = 0;
        for (int b = 0; b < 64; b++) {
            INDArray row = out.slice(b);
            boolean same = row.equals(x.slice(b));
            boolean flip = row.equals(mirrored.slice(b));
            assertTrue(same ^ flip, "example " + b + " is neither the original nor its mirror");
            flipped += flip ? 1 : 0;
        }
        assertTrue(flipped > 16 && flipped < 48, flipped + " of 64 flipped");
    }

    @Test
    void shiftByOnePixelMovesContentWithZeroFill() {
        INDArray x = images(2, 4, 5, 2);
        for (boolean bilinear : new boolean[] {true, false}) {
            assertEquals(expected(x, (i, j) -> new int[] {i, j - 1}), ImageWarp.apply(x, params(2, 0, 0, 0, 0, 1), bilinear));
            assertEquals(expected(x, (i, j) -> new int[] {i + 1, j}), ImageWarp.apply(x, params(2, 0, 0, 0, -1, 0), bilinear));
        }
        INDArray right = ImageWarp.apply(x, params(2, 0, 0, 0, 0, 1), true);
        assertEquals(0.0, right.get(all(), all(),
                point(0)).sumNumber().doubleValue());
    }

    @Test
    void halfPixelShiftIsTheBilinearMean() {
        INDArray x = images(1, 2, 3, 1);
        INDArray out = ImageWarp.apply(x, params(1, 0, 0, 0, 0, 0.5), true);
        // row 0 of x is 1 2 3: shifted right by half a pixel, with zero coming in from the left
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, out.get(point(0),
                point(0)).reshape(3).toFloatVector(), 1e-6f);
    }

    @Test
    void rotationByZeroIsIdentityAndQuarterTurnsAreExact() {
        INDArray x = images(2, 5, 5, 2);
        for (boolean bilinear : new boolean[] {true, false}) {
            assertEquals(x, ImageWarp.apply(x, params(2, 0, 0, 0, 0, 0), bilinear));
            // counter-clockwise as displayed, like numpy.rot90: out[i][j] = x[j][w - 1 - i]
            assertEquals(expected(x, (i, j) -> new int[] {j, 4 - i}), ImageWarp.apply(x, params(2, 0, 0, 90, 0, 0), bilinear));
            assertEquals(expected(x, (i, j) -> new int[] {4 - j, i}), ImageWarp.apply(x, params(2, 0, 0, -90, 0, 0), bilinear));
            assertEquals(expected(x, (i, j) -> new int[] {4 - i, 4 - j}),
                    ImageWarp.apply(x, params(2, 0, 0, 180, 0, 0), bilinear));
        }
    }

    @Test
    void transformsComposeFlipThenRotationThenShift() {
        INDArray x = images(1, 5, 5, 1);
        // flip left-right, turn a quarter counter-clockwise, then move one pixel down
        INDArray out = ImageWarp.apply(x, params(1, 1, 0, 90, 1, 0), false);
        assertEquals(expected(x, (i, j) -> new int[] {j, i - 1}), out);
    }

    @Test
    void eachExampleGetsItsOwnTransform() {
        INDArray x = images(2, 3, 3, 1);
        ImageWarp.Params p = new ImageWarp.Params(Nd4j.createFromArray(1.0, 0.0), Nd4j.createFromArray(0.0, 0.0),
                Nd4j.createFromArray(0.0, 0.0), Nd4j.createFromArray(0.0, 0.0), Nd4j.createFromArray(0.0, 1.0));
        INDArray out = ImageWarp.apply(x, p, true);
        assertEquals(expected(x.slice(0, 0).reshape(1, 3, 3, 1), (i, j) -> new int[] {i, 2 - j}).slice(0), out.slice(0));
        assertEquals(expected(x.slice(1, 0).reshape(1, 3, 3, 1), (i, j) -> new int[] {i, j - 1}).slice(0), out.slice(1));
    }

    @Test
    void randomShiftAndRotationStayWithinTheirLimits() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 32, 9, 9, 1);
        x.get(all(), point(4), point(4), all()).assign(1);
        // rotation keeps the centre; a shift of at most 0.45 pixels keeps a bright centre pixel in the 3x3 middle
        INDArray out = Augmentation.none().randomShift(0.05).randomRotation(30).apply(x);
        assertArrayEquals(x.shape(), out.shape());
        assertTrue(out.sumNumber().doubleValue() > 16, out.sumNumber().toString());
        INDArray outer = out.dup();
        outer.get(all(), interval(3, 6), interval(3, 6), all()).assign(0);
        assertEquals(0.0, outer.sumNumber().doubleValue());
        assertNotEquals(x, out);
    }

    @Test
    void gaussianNoiseHasTheRequestedStdAndLeavesTheInputAlone() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.ones(DataType.FLOAT, 64, 28, 28, 1);
        INDArray out = Augmentation.none().gaussianNoise(0.3).apply(x);
        INDArray noise = out.sub(x);
        assertEquals(0.0, noise.meanNumber().doubleValue(), 0.005);
        assertEquals(0.3, noise.stdNumber().doubleValue(), 0.005);
        assertEquals(Nd4j.ones(DataType.FLOAT, 64, 28, 28, 1), x);
        assertEquals(DataType.FLOAT, out.dataType());
    }

    @Test
    void theSameSeedGivesTheSameAugmentation() {
        Augmentation a = Augmentation.none().randomFlip("horizontal_and_vertical").randomShift(0.2).randomRotation(15)
                .gaussianNoise(0.1);
        INDArray x = images(8, 6, 6, 2);
        Nd4j.getRandom().setSeed(5);
        INDArray first = a.apply(x);
        Nd4j.getRandom().setSeed(5);
        INDArray second = a.apply(x);
        assertEquals(first, second);
        assertNotEquals(x, first);
        assertEquals(images(8, 6, 6, 2), x);
    }

    @Test
    void noOptionsIsTheIdentity() {
        INDArray x = images(2, 3, 3, 1);
        assertTrue(Augmentation.none().isIdentity());
        assertSame(x, Augmentation.none().apply(x));
        assertSame(x, Augmentation.none().randomRotation(0).randomShift(0).apply(x));
        assertEquals("Augmentation[none]", Augmentation.none().toString());
    }

    @Test
    void optionsAreImmutableValues() {
        Augmentation base = Augmentation.none().randomShift(0.1);
        Augmentation flipped = base.randomFlip(true, false);
        assertEquals(0.1, base.heightShift());
        assertTrue(!base.flipHorizontal() && flipped.flipHorizontal());
        assertEquals(flipped, Augmentation.none().randomFlip("horizontal").randomShift(0.1));
        assertEquals(flipped.hashCode(), Augmentation.none().randomFlip("horizontal").randomShift(0.1).hashCode());
        assertEquals("Augmentation[flip horizontal, shift 0.1 x 0.1, bilinear]", flipped.toString());
        assertEquals("Augmentation[rotation 12.5 deg, noise 0.05, bilinear]",
                Augmentation.none().randomRotation(12.5).gaussianNoise(0.05).toString());
    }

    @Test
    void badOptionsAndInputsAreErrors() {
        Augmentation a = Augmentation.none();
        assertThrows(IllegalArgumentException.class, () -> a.randomShift(-0.1));
        assertThrows(IllegalArgumentException.class, () -> a.randomShift(1.5));
        assertThrows(IllegalArgumentException.class, () -> a.randomRotation(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> a.gaussianNoise(-1));
        assertThrows(IllegalArgumentException.class, () -> a.randomFlip("diagonal"));
        assertThrows(IllegalArgumentException.class, () -> a.interpolation("cubic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.gaussianNoise(0.1).apply(Nd4j.zeros(DataType.FLOAT, 4, 5)));
        assertTrue(e.getMessage().contains("[4, 5]"), e.getMessage());
    }
}
