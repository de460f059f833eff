package org.neurite.data;

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
 * <p>Everything is ND4J ops over whole arrays: the source coordinate of every output pixel is
 * computed as an {@code [N, H*W]} array (inverse mapping), rounded (nearest) or split into its
 * four neighbours (bilinear), turned into row indices of the flattened batch {@code [N*H*W, C]}
 * plus one extra zero row for "outside", and read with one {@code gather} per neighbour. Coordinates
 * within {@code 1e-6} of an integer are snapped to it, so whole-pixel shifts, flips and quarter
 * turns reproduce pixel values exactly in both modes.
 *
 * <p>Conventions (image rows go down): a positive angle turns the content counter-clockwise as
 * displayed (a quarter turn of a square image is NumPy's {@code rot90}); a positive shift moves the
 * content down ({@code dy}) or right ({@code dx}) by that many pixels.
 */
final class ImageWarp {
    private static final double SNAP = 1e-6;

    private ImageWarp() {
    }

    /**
     * One transform per example; each array is DOUBLE {@code [N]}.
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
        long pixels = h * w;
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;

        // output pixel grid, centred: gx[r*w + col] = col - cx, gy[r*w + col] = r - cy
        INDArray gx = Nd4j.zeros(DataType.DOUBLE, h, w).addiRowVector(axis(w, cx)).reshape(1, pixels);
        INDArray gy = Nd4j.zeros(DataType.DOUBLE, h, w).addiColumnVector(axis(h, cy).reshape(h, 1)).reshape(1, pixels);

        // inverse map: undo the shift, then the rotation, then the flip
        INDArray px = perExample(n, gx).subiColumnVector(column(p.dx()));
        INDArray py = perExample(n, gy).subiColumnVector(column(p.dy()));
        INDArray cos = snap(Transforms.cos(p.radians(), true), 1e-12).reshape(n, 1);
        INDArray sin = snap(Transforms.sin(p.radians(), true), 1e-12).reshape(n, 1);
        INDArray sx = px.mulColumnVector(cos).subi(py.mulColumnVector(sin));
        INDArray sy = px.mulColumnVector(sin).addi(py.mulColumnVector(cos));
        sx.muliColumnVector(sign(p.flipH())).addi(cx);
        sy.muliColumnVector(sign(p.flipV())).addi(cy);
        snap(sx, SNAP);
        snap(sy, SNAP);

        INDArray base = Nd4j.arange(n).castTo(DataType.DOUBLE).muli(pixels).reshape(n, 1);
        INDArray flat = Nd4j.concat(0, images.reshape('c', n * pixels, c), Nd4j.zeros(images.dataType(), 1, c));
        Grid grid = new Grid(flat, base, h, w, n * pixels);
        INDArray out;
        if (bilinear) {
            INDArray x0 = Transforms.floor(sx, true);
            INDArray y0 = Transforms.floor(sy, true);
            INDArray fx = sx.sub(x0);
            INDArray fy = sy.sub(y0);
            INDArray gxInv = fx.rsub(1);
            INDArray gyInv = fy.rsub(1);
            out = grid.sample(x0, y0, gxInv.mul(gyInv));
            out.addi(grid.sample(x0.add(1), y0, fx.mul(gyInv)));
            out.addi(grid.sample(x0, y0.add(1), gxInv.mul(fy)));
            out.addi(grid.sample(x0.add(1), y0.add(1), fx.mul(fy)));
        } else {
            out = grid.sample(Transforms.round(sx, true), Transforms.round(sy, true), null);
        }
        return out.reshape('c', n, h, w, c);
    }

    /** The flattened batch with a zero row at index {@code outside}, read at integer coordinates. */
    private record Grid(INDArray flat, INDArray base, long h, long w, long outside) {
        /** Rows at {@code (ix, iy)} ({@code [N, H*W]}), zero where outside, times {@code weight} if given. */
        INDArray sample(INDArray ix, INDArray iy, INDArray weight) {
            INDArray inside = ix.gte(0).castTo(DataType.DOUBLE)
                    .muli(ix.lt(w).castTo(DataType.DOUBLE))
                    .muli(iy.gte(0).castTo(DataType.DOUBLE))
                    .muli(iy.lt(h).castTo(DataType.DOUBLE));
            INDArray index = iy.mul(w).addi(ix).addiColumnVector(base).subi(outside).muli(inside).addi(outside);
            INDArray ids = index.reshape(index.length()).castTo(DataType.LONG);
            INDArray rows = Native.call("gather", new INDArray[] {flat, ids}, new long[] {0}, null, null)[0];
            if (weight != null) {
                rows.muliColumnVector(weight.reshape(weight.length(), 1).castTo(rows.dataType()));
            }
            return rows;
        }
    }

    /** {@code [0, 1, ..., size - 1] - centre} as DOUBLE {@code [size]}. */
    private static INDArray axis(long size, double centre) {
        return Nd4j.arange(size).castTo(DataType.DOUBLE).reshape(size).subi(centre);
    }

    private static INDArray perExample(long n, INDArray row) {
        return Nd4j.zeros(DataType.DOUBLE, n, row.length()).addiRowVector(row);
    }

    private static INDArray column(INDArray values) {
        return values.castTo(DataType.DOUBLE).reshape(values.length(), 1);
    }

    /** {@code 1 - 2 * flip}: -1 mirrors, 1 keeps; as a DOUBLE column. */
    private static INDArray sign(INDArray flip) {
        return column(flip).mul(-2).addi(1);
    }

    /** Moves values within {@code eps} of an integer onto it, in place; returns {@code x}. */
    private static INDArray snap(INDArray x, double eps) {
        INDArray rounded = Transforms.round(x, true);
        INDArray near = Transforms.abs(x.sub(rounded), false).lt(eps).castTo(x.dataType());
        return x.addi(rounded.subi(x).muli(near));
    }
}
