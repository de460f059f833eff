package org.neurite.datasets;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Batch;
import org.neurite.data.BatchSource;
import org.neurite.data.Indices;
import org.neurite.data.Rows;

/**
 * A folder of images with one subfolder per class, read a batch at a time (Keras's
 * {@code image_dataset_from_directory}): only the file names are kept in memory. The classes are
 * the subfolders' names, sorted, with ids 0, 1, ...; each image (PNG, JPEG, GIF or BMP, as Java's
 * ImageIO reads them) is scaled to {@code height x width} (bilinear) and becomes FLOAT values in
 * {@code [0, 1]}, channels last: {@code [b, height, width, channels]} with 1 channel (grey) or 3
 * (RGB); labels are class ids FLOAT {@code [b]}.
 *
 * <pre>{@code
 * ImageFolder train = ImageFolder.of(Path.of("photos/train"), 64, 64, 3, 32, 42);   // shuffled per epoch
 * model.fit(train, Fit.epochs(10));
 * }</pre>
 */
public final class ImageFolder implements BatchSource {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private final Path root;
    private final List<String> classNames;
    private final List<Path> files = new ArrayList<>();
    private final int[] classIds;
    private final int height;
    private final int width;
    private final int channels;
    private final int batchSize;
    private final Long seed;

    private ImageFolder(Path root, int height, int width, int channels, int batchSize, Long seed) throws IOException {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3) || batchSize < 1) {
            throw new IllegalArgumentException(root + ": needs height and width >= 1, 1 or 3 channels and a batch "
                    + "size >= 1, got " + height + " x " + width + " x " + channels + ", batch " + batchSize);
        }
        this.root = root;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.batchSize = batchSize;
        this.seed = seed;
        List<Path> classes;
        try (Stream<Path> entries = Files.list(root)) {
            classes = entries.filter(Files::isDirectory).sorted().toList();
        }
        this.classNames = classes.stream().map(p -> p.getFileName().toString()).toList();
        List<Integer> ids = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            try (Stream<Path> images = Files.list(classes.get(c))) {
                for (Path image : images.filter(ImageFolder::isImage).sorted().toList()) {
                    files.add(image);
                    ids.add(c);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(root + ": no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                    + ") in subfolders " + classNames + "; expected one subfolder of images per class");
        }
        this.classIds = ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The images under {@code root}, in a new order each epoch fixed by {@code seed} and the epoch.
     *
     * @throws IOException when the folder cannot be listed or holds no image in a class subfolder
     */
    public static ImageFolder of(Path root, int height, int width, int channels, int batchSize, long seed)
            throws IOException {
        return new ImageFolder(root, height, width, channels, batchSize, seed);
    }

    /** The images under {@code root} in file order (class by class), for {@code evaluate} and {@code predict}. */
    public static ImageFolder inOrder(Path root, int height, int width, int channels, int batchSize)
            throws IOException {
        return new ImageFolder(root, height, width, channels, batchSize, null);
    }

    /** The class names (the subfolders), in class-id order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of images. */
    public int size() {
        return files.size();
    }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        int[] order = seed == null ? Indices.range(0, files.size())
                : Indices.permutation(files.size(), seed + 0x9E3779B97F4A7C15L * epoch);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (next >= order.length) {
                    throw new NoSuchElementException(root + ": no more images");
                }
                int n = Math.min(batchSize, order.length - next);
                float[] pixels = new float[n * height * width * channels];
                float[] labels = new float[n];
                for (int i = 0; i < n; i++) {
                    int file = order[next + i];
                    read(files.get(file), pixels, i * height * width * channels);
                    labels[i] = classIds[file];
                }
                next += n;
                return new Batch(Rows.detached(() -> Nd4j.createFromArray(pixels).reshape(n, height, width, channels)),
                        Rows.detached(() -> Nd4j.createFromArray(labels)));
            }
        };
    }

    /** Decodes {@code file}, scaled to height x width, into {@code out} from {@code offset} (row-major, channels last). */
    private void read(Path file, float[] out, int offset) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UncheckedIOException(new IOException(file + ": not an image ImageIO can decode"));
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        int k = offset;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                float r = ((rgb >> 16) & 0xFF) / 255f;
                float gr = ((rgb >> 8) & 0xFF) / 255f;
                float b = (rgb & 0xFF) / 255f;
                if (channels == 1) {
                    out[k++] = 0.299f * r + 0.587f * gr + 0.114f * b;   // ITU-R BT.601 luma, as PIL's "L"
                } else {
                    out[k++] = r;
                    out[k++] = gr;
                    out[k++] = b;
                }
            }
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1)) && Files.isRegularFile(p);
    }

    @Override
    public String toString() {
        return "ImageFolder[" + root + ", " + files.size() + " images, classes " + classNames + ", " + height + " x "
                + width + " x " + channels + ", batches of " + batchSize + "]";
    }
}
