package org.neurite.preprocessing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random image augmentation for training, as Keras's preprocessing layers {@code RandomFlip},
 * {@code RandomRotation}, {@code RandomTranslation} and {@code GaussianNoise}: an immutable value
 * whose options each return a new {@code Augmentation}.
 *
 * <pre>{@code
 * Augmentation augmentation = Augmentation.none()
 *         .randomFlip("horizontal")     // mirror left-right with probability 1/2
 *         .randomShift(0.1)             // move by up to 10% of the height and width
 *         .randomRotation(10)           // turn by up to 10 degrees either way
 *         .gaussianNoise(0.05);         // add N(0, 0.05^2) to every value
 * model.fit(train, Fit.epochs(10).augment(augmentation));
 * }</pre>
 *
 * <p><b>How it is applied.</b> {@link #apply} takes a batch of channels-last images
 * {@code [N, H, W, C]} and returns a new one, each example transformed with its own random draw:
 * flip, then rotation about the centre, then shift (one resampling, see {@link ImageWarp}; pixels
 * that come from outside the image are 0), then noise. Sampling is bilinear by default (as Keras),
 * or nearest. Everything is ND4J ops over the whole batch, and every draw comes from ND4J's random
 * generator of the calling thread, so {@code Nd4j.getRandom().setSeed(s)} makes a run repeatable
 * (as for {@code Dropout}).
 *
 * <p><b>Why an option of {@code fit}.</b> {@code Fit.augment(augmentation)} hands the augmentation
 * to the training loop, which applies it to the features of each training batch inside the step's
 * memory scope, on the training thread, just before the forward pass. Labels are never touched, and
 * nothing else sees it: the validation part of {@code validationSplit}, {@code validationData},
 * {@code evaluate}, {@code predict} and {@code trainOnBatch} read the original images. So neither
 * {@code Sequential} nor {@code Dataset} grow: a dataset stays a plain pair of arrays (a
 * {@code Dataset} view that augmented its batches would leak into the validation part that
 * {@code fit} slices off it), and the model needs no preprocessing layers that must be switched off
 * at inference. Every epoch sees fresh random versions of the same examples.
 */
public final class Augmentation {
    /** How a resampled pixel between source pixels gets its value. */
    public enum Interpolation {
        /** The nearest source pixel. */
        NEAREST,
        /** The distance-weighted mean of the four neighbouring source pixels (Keras's default). */
        BILINEAR
    }

    private static final Augmentation NONE = new Augmentation(false, false, 0, 0, 0, 0, Interpolation.BILINEAR);

    private final boolean flipHorizontal;
    private final boolean flipVertical;
    private final double heightShift;
    private final double widthShift;
    private final double maxDegrees;
    private final double noiseStddev;
    private final Interpolation interpolation;

    private Augmentation(boolean flipHorizontal, boolean flipVertical, double heightShift, double widthShift,
                         double maxDegrees, double noiseStddev, Interpolation interpolation) {
        this.flipHorizontal = flipHorizontal;
        this.flipVertical = flipVertical;
        this.heightShift = heightShift;
        this.widthShift = widthShift;
        this.maxDegrees = maxDegrees;
        this.noiseStddev = noiseStddev;
        this.interpolation = interpolation;
    }

    /** No augmentation: {@link #apply} returns its input; add options to it. */
    public static Augmentation none() {
        return NONE;
    }

    /**
     * Random mirroring, each enabled axis with probability 1/2 per example, as Keras
     * {@code RandomFlip(mode)}.
     *
     * @param mode {@code "horizontal"} (left-right), {@code "vertical"} (top-bottom) or
     *     {@code "horizontal_and_vertical"}
     */
    public Augmentation randomFlip(String mode) {
        return switch (String.valueOf(mode).toLowerCase(Locale.ROOT)) {
            case "horizontal" -> randomFlip(true, false);
            case "vertical" -> randomFlip(false, true);
            case "horizontal_and_vertical" -> randomFlip(true, true);
            default -> throw new IllegalArgumentException("Augmentation.randomFlip: mode must be \"horizontal\", "
                    + "\"vertical\" or \"horizontal_and_vertical\", got \"" + mode + "\"");
        };
    }

    /** Random left-right ({@code horizontal}) and/or top-bottom ({@code vertical}) mirroring. */
    public Augmentation randomFlip(boolean horizontal, boolean vertical) {
        return new Augmentation(horizontal, vertical, heightShift, widthShift, maxDegrees, noiseStddev,
                interpolation);
    }

    /** A random shift by up to {@code fraction} of the height and of the width, uniform in each direction. */
    public Augmentation randomShift(double fraction) {
        return randomShift(fraction, fraction);
    }

    /**
     * A random shift, as Keras {@code RandomTranslation(heightFraction, widthFraction)}: down/up by
     * a uniform {@code [-heightFraction * H, heightFraction * H]} pixels, right/left likewise.
     *
     * @param heightFraction in {@code [0, 1]}
     * @param widthFraction in {@code [0, 1]}
     */
    public Augmentation randomShift(double heightFraction, double widthFraction) {
        requireRange("randomShift", "heightFraction", heightFraction, 1);
        requireRange("randomShift", "widthFraction", widthFraction, 1);
        return new Augmentation(flipHorizontal, flipVertical, heightFraction, widthFraction, maxDegrees,
                noiseStddev, interpolation);
    }

    /**
     * A random rotation about the image centre by a uniform angle in {@code [-maxDegrees, maxDegrees]}
     * (Keras {@code RandomRotation(maxDegrees / 360)}).
     *
     * @param maxDegrees in {@code [0, 180]}
     */
    public Augmentation randomRotation(double maxDegrees) {
        requireRange("randomRotation", "maxDegrees", maxDegrees, 180);
        return new Augmentation(flipHorizontal, flipVertical, heightShift, widthShift, maxDegrees, noiseStddev,
                interpolation);
    }

    /** Adds independent normal noise with mean 0 and standard deviation {@code stddev} to every value. */
    public Augmentation gaussianNoise(double stddev) {
        requireRange("gaussianNoise", "stddev", stddev, Double.MAX_VALUE);
        return new Augmentation(flipHorizontal, flipVertical, heightShift, widthShift, maxDegrees, stddev,
                interpolation);
    }

    /** How shifted and rotated images are resampled: {@code "bilinear"} (default) or {@code "nearest"}. */
    public Augmentation interpolation(String mode) {
        Interpolation value;
        try {
            value = Interpolation.valueOf(String.valueOf(mode).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Augmentation.interpolation: mode must be \"bilinear\" or "
                    + "\"nearest\", got \"" + mode + "\"", e);
        }
        return new Augmentation(flipHorizontal, flipVertical, heightShift, widthShift, maxDegrees, noiseStddev,
                value);
    }

    public boolean flipHorizontal() {
        return flipHorizontal;
    }

    public boolean flipVertical() {
        return flipVertical;
    }

    public double heightShift() {
        return heightShift;
    }

    public double widthShift() {
        return widthShift;
    }

    public double maxDegrees() {
        return maxDegrees;
    }

    public double noiseStddev() {
        return noiseStddev;
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    /** Whether this changes nothing (no option set). */
    public boolean isIdentity() {
        return !isGeometric() && noiseStddev == 0;
    }

    /**
     * A randomly augmented copy of {@code images}, channels-last {@code [N, H, W, C]}, same shape
     * and type; {@code images} itself is not modified. With no option set, {@code images} itself
     * (of any shape).
     *
     * @throws IllegalArgumentException when an option is set and {@code images} is not of rank 4
     */
    public INDArray apply(INDArray images) {
        if (isIdentity()) {
            return images;
        }
        requireImages(images.shape(), "Augmentation.apply");
        INDArray out = images;
        if (isGeometric()) {
            long n = images.size(0);
            ImageWarp.Params params = new ImageWarp.Params(
                    coin(n, flipHorizontal),
                    coin(n, flipVertical),
                    uniform(n, Math.toRadians(maxDegrees)),
                    uniform(n, heightShift * images.size(1)),
                    uniform(n, widthShift * images.size(2)));
            out = ImageWarp.apply(images, params, interpolation == Interpolation.BILINEAR);
        }
        if (noiseStddev > 0) {
            INDArray noise = Nd4j.randn(out.dataType(), out.shape()).muli(noiseStddev);
            out = out == images ? images.add(noise) : out.addi(noise);
        }
        return out;
    }

    /**
     * Checks that features of shape {@code shape} are a batch of channels-last images.
     *
     * @param where names the caller in the message, e.g. {@code "fit"}
     * @throws IllegalArgumentException when the rank is not 4
     */
    public static void requireImages(long[] shape, String where) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(where + ": image augmentation needs channels-last images "
                    + "[N, height, width, channels], got features of shape " + Arrays.toString(shape));
        }
    }

    private boolean isGeometric() {
        return flipHorizontal || flipVertical || heightShift > 0 || widthShift > 0 || maxDegrees > 0;
    }

    /** 1 with probability 1/2 (when enabled), else 0; DOUBLE {@code [n]}. */
    private static INDArray coin(long n, boolean enabled) {
        return enabled ? Nd4j.rand(DataType.DOUBLE, n).lt(0.5).castTo(DataType.DOUBLE) : Nd4j.zeros(DataType.DOUBLE, n);
    }

    /** Uniform in {@code [-limit, limit]}; DOUBLE {@code [n]}. */
    private static INDArray uniform(long n, double limit) {
        return limit > 0 ? Nd4j.rand(DataType.DOUBLE, n).muli(2 * limit).subi(limit) : Nd4j.zeros(DataType.DOUBLE, n);
    }

    private static void requireRange(String option, String name, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException("Augmentation." + option + ": " + name + " must be in [0, " + max
                    + "], got " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation a && a.flipHorizontal == flipHorizontal && a.flipVertical == flipVertical
                && a.heightShift == heightShift && a.widthShift == widthShift && a.maxDegrees == maxDegrees
                && a.noiseStddev == noiseStddev && a.interpolation == interpolation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(flipHorizontal, flipVertical, heightShift, widthShift, maxDegrees, noiseStddev,
                interpolation);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Augmentation[");
        if (flipHorizontal || flipVertical) {
            s.append("flip ").append(flipHorizontal && flipVertical ? "horizontal_and_vertical"
                    : flipHorizontal ? "horizontal" : "vertical").append(", ");
        }
        if (heightShift > 0 || widthShift > 0) {
            s.append("shift ").append(number(heightShift)).append(" x ").append(number(widthShift)).append(", ");
        }
        if (maxDegrees > 0) {
            s.append("rotation ").append(number(maxDegrees)).append(" deg, ");
        }
        if (noiseStddev > 0) {
            s.append("noise ").append(number(noiseStddev)).append(", ");
        }
        if (isGeometric()) {
            s.append(interpolation.name().toLowerCase(Locale.ROOT));
        } else if (s.charAt(s.length() - 1) == ' ') {
            s.setLength(s.length() - 2);
        } else {
            s.append("none");
        }
        return s.append(']').toString();
    }

    /** {@code v} with at most 4 significant digits and no trailing zeros: 0.1, 12.5, 1E-5. */
    private static String number(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toString();
    }
}
