package org.neurite.preprocessing;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.Native;

/**
 * Resamples a batch of channels-last images {@code [N, H, W, C]} through one affine map per example:
 * a flip, a rotation about the image centre and a translation, in that order, with constant-zero
 * fill outside the image. It is the geometric half of {@link Augmentation}.
 *
 * <p>How, with ND4J ops over whole arrays (no loop over pixels): each example's inverse map is
 * folded into a {@code 2 x 3} matrix (a few numbers per example, computed in Java); one matrix
 * product of all of them with the output pixel grid {@code [x; y; 1]} gives the source coordinate
 * of every output pixel, {@code [2N, H*W]}. The batch is padded with a one-pixel zero border and
 * coordinates are clipped into it, so every pixel that comes from outside the image reads a zero.
 * Nearest sampling rounds the coordinates, turns them into row indices of the padded batch
 * flattened to {@code [N * (H+2) * (W+2), C]} and reads them with one {@code gather_nd}; bilinear
 * sampling reads the four neighbours likewise and mixes them with their distance weights. Flips, whole-pixel shifts and quarter turns give exact integer
 * coordinates (the rotation's cosine and sine are snapped to 0 and 1 near multiples of 90 degrees),
 * so they reproduce pixel values exactly in both modes.
 *
 * <p>Conventions (image rows go down): a positive angle turns the content counter-clockwise as
 * displayed (a quarter turn of a square image is NumPy's {@code rot90}); a positive shift moves the
 * content down ({@code dy}) or right ({@code dx}) by that many pixels.
 */
final class ImageWarp {
    private ImageWarp() {
    }

    /**
     * One transform per example; each array has {@code N} values.
     *
     * @param flipH 1 to mirror the example left-right, 0 to keep it
     * @param flipV 1 to mirror it top-bottom, 0 to keep it
     * @param radians rotation angle, counter-clockwise as displayed
     * @param dy shift down, in pixels
     * @param dx shift right, in pixels
     */
    record Params(INDArray flipH, INDArray flipV, INDArray radians, INDArray dy, INDArray dx) {
    }

    /** The warped batch, same shape and type as {@code images}. */
    static INDArray apply(INDArray images, Params p, boolean bilinear) {
        long n = images.size(0);
        long h = images.size(1);
        long w = images.size(2);
        long c = images.size(3);
        INDArray padded = Nd4j.zeros(images.dataType(), n, h + 2, w + 2, c);
        padded.get(all(), interval(1, h + 1), interval(1, w + 1), all()).assign(images);
        Reader reader = new Reader(padded.reshape('c', n * (h + 2) * (w + 2), c), n, h + 2, w + 2);

        // source coordinates in the padded batch: rows 0..n-1 the column (x), rows n..2n-1 the row (y)
        INDArray source = inverseMaps(p, n, h, w).mmul(grid(h, w));
        INDArray sx = source.get(interval(0, n), all());
        INDArray sy = source.get(interval(n, 2 * n), all());
        INDArray out;
        if (bilinear) {
            INDArray x0 = Transforms.floor(sx, true);
            INDArray y0 = Transforms.floor(sy, true);
            INDArray fx = sx.sub(x0);
            INDArray fy = sy.sub(y0);
            INDArray ex = fx.rsub(1);
            INDArray ey = fy.rsub(1);
            INDArray col0 = reader.column(x0);
            INDArray col1 = reader.column(x0.addi(1));
            INDArray row0 = reader.rowStart(y0);
            INDArray row1 = reader.rowStart(y0.addi(1));
            out = reader.read(row0.add(col0), ey.mul(ex));
            out.addi(reader.read(row0.addi(col1), ey.muli(fx)));
            out.addi(reader.read(row1.add(col0), fy.mul(ex)));
            out.addi(reader.read(row1.addi(col1), fy.muli(fx)));
        } else {
            INDArray index = reader.rowStart(Transforms.round(sy, true)).addi(reader.column(Transforms.round(sx, true)));
            out = reader.read(index, null);
        }
        return out.reshape('c', n, h, w, c);
    }

    /**
     * Reads pixels of the zero-padded batch, flattened to {@code [N * rows * cols, C]}, at integer
     * coordinates clipped into the border: every coordinate outside the image reads a zero.
     */
    private static final class Reader {
        private final INDArray flat;
        private final INDArray exampleStart;
        private final long rows;
        private final long cols;

        Reader(INDArray flat, long n, long rows, long cols) {
            this.flat = flat;
            this.rows = rows;
            this.cols = cols;
            this.exampleStart = Nd4j.arange(n).castTo(DataType.INT).muli(rows * cols).reshape(n, 1);
        }

        /** INT {@code [N, H*W]}: the clipped column coordinates {@code x}. */
        INDArray column(INDArray x) {
            return clip(x, cols - 1);
        }

        /** INT {@code [N, H*W]}: the flat index of the start of each clipped row {@code y}, per example. */
        INDArray rowStart(INDArray y) {
            return clip(y, rows - 1).muli(cols).addiColumnVector(exampleStart);
        }

        /** {@code [N*H*W, C]}: the pixels at the flat {@code index}, times {@code weight} when given. */
        INDArray read(INDArray index, INDArray weight) {
            long count = index.length();
            INDArray pixels = Native.call("gather_nd", flat, index.reshape(count, 1))[0];
            if (weight != null) {
                pixels.muliColumnVector(weight.reshape(count, 1).castTo(pixels.dataType()));
            }
            return pixels;
        }

        private static INDArray clip(INDArray x, long max) {
            return Transforms.min(Transforms.max(x, 0, true), max, false).castTo(DataType.INT);
        }
    }

    /**
     * {@code [2N, 3]}: for each example the map from an output pixel {@code (x, y, 1)} (centred
     * coordinates) to its source column (row {@code i}) and row (row {@code N + i}) in the padded
     * batch: undo the shift, then the rotation, then the flip, and move the centre back.
     */
    private static INDArray inverseMaps(Params p, long n, long h, long w) {
        double[] flipH = p.flipH().toDoubleVector();
        double[] flipV = p.flipV().toDoubleVector();
        double[] radians = p.radians().toDoubleVector();
        double[] dy = p.dy().toDoubleVector();
        double[] dx = p.dx().toDoubleVector();
        float[][] maps = new float[(int) (2 * n)][];
        for (int i = 0; i < n; i++) {
            double cos = snap(Math.cos(radians[i]));
            double sin = snap(Math.sin(radians[i]));
            double fh = flipH[i] != 0 ? -1 : 1;
            double fv = flipV[i] != 0 ? -1 : 1;
            double a00 = fh * cos;
            double a01 = -fh * sin;
            double a10 = fv * sin;
            double a11 = fv * cos;
            maps[i] = new float[] {(float) a00, (float) a01, (float) ((w + 1) / 2.0 - a00 * dx[i] - a01 * dy[i])};
            maps[(int) n + i] = new float[] {(float) a10, (float) a11, (float) ((h + 1) / 2.0 - a10 * dx[i] - a11 * dy[i])};
        }
        return Nd4j.createFromArray(maps);
    }

    /** {@code [3, H*W]}: each output pixel's centred column, centred row, and 1. */
    private static INDArray grid(long h, long w) {
        INDArray cols = Nd4j.arange(w).castTo(DataType.FLOAT).reshape(1, w).subi((w - 1) / 2.0);
        INDArray rows = Nd4j.arange(h).castTo(DataType.FLOAT).reshape(h, 1).subi((h - 1) / 2.0);
        INDArray gx = Nd4j.zeros(DataType.FLOAT, h, w).addiRowVector(cols).reshape(1, h * w);
        INDArray gy = Nd4j.zeros(DataType.FLOAT, h, w).addiColumnVector(rows).reshape(1, h * w);
        return Nd4j.concat(0, gx, gy, Nd4j.ones(DataType.FLOAT, 1, h * w));
    }

    /** {@code v}, or the integer next to it when within 1e-12 (cos 90 degrees is 0, not 6e-17). */
    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-12 ? r : v;
    }
}
