package org.neurite.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The four-file IDX layout that MNIST and Fashion-MNIST share, and their checksummed download. */
final class MnistFormat {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> FILES = List.of(TRAIN_IMAGES + "[.gz]", TRAIN_LABELS + "[.gz]",
            TEST_IMAGES + "[.gz]", TEST_LABELS + "[.gz]");
    static final int CLASSES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MnistFormat.class);

    private MnistFormat() {
    }

    /** Images FLOAT {@code [n, 28, 28, 1]} in [0, 1] and labels FLOAT {@code [n]} in 0..9. */
    static Dataset.Split load(Path folder, String title) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder.toAbsolutePath() + ": no such folder (expected the " + title
                    + " files " + String.join(", ", FILES) + ")");
        }
        Dataset train = pair(folder, TRAIN_IMAGES, TRAIN_LABELS);
        Dataset test = pair(folder, TEST_IMAGES, TEST_LABELS);
        LOG.info("{}: {} training and {} test images from {}", title, train.size(), test.size(), folder);
        return new Dataset.Split(train, test);
    }

    private static Dataset pair(Path folder, String images, String labels) throws IOException {
        Path imageFile = existing(folder, images);
        Path labelFile = existing(folder, labels);
        INDArray x = Idx.readImages(imageFile);
        INDArray y = Idx.readLabels(labelFile);
        if (x.size(0) != y.size(0)) {
            throw new IOException(imageFile + " holds " + x.size(0) + " images but " + labelFile + " holds "
                    + y.size(0) + " labels");
        }
        int max = y.maxNumber().intValue();
        if (max >= CLASSES) {
            throw new IOException(labelFile + ": label " + max + " is outside 0.." + (CLASSES - 1));
        }
        return Dataset.of(x, y);
    }

    private static Path existing(Path folder, String name) throws IOException {
        Path file = DataLocator.resolve(folder, name + "[.gz]");
        if (!Files.isRegularFile(file)) {
            throw new IOException(folder.toAbsolutePath() + ": missing " + name + " (or " + name + ".gz)");
        }
        return file;
    }

    /** Downloads {@code <base><file>.gz} for the four files, each checked against {@code sha256}. */
    static DataLocator.Fetcher fetcher(URI base, Map<String, String> sha256) {
        return folder -> {
            for (String file : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
                String gz = file + ".gz";
                if (!Files.exists(folder.resolve(gz))) {
                    Downloader.download(base.resolve(gz), folder.resolve(gz), sha256.get(file));
                }
            }
        };
    }
}
