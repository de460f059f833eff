package org.neurite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;

/** ImageFolder: one subfolder per class, images decoded and scaled a batch at a time. */
class ImageFolderTest {
    @TempDir
    Path dir;

    /** cat/: 5 red 8x6 PNGs, dog/: 4 blue ones, plus a text file that is skipped. */
    private Path folder() throws IOException {
        write("cat", 5, Color.RED);
        write("dog", 4, Color.BLUE);
        Files.writeString(dir.resolve("cat").resolve("notes.txt"), "not an image");
        return dir;
    }

    private void write(String label, int count, Color color) throws IOException {
        Path sub = Files.createDirectories(dir.resolve(label));
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(color);
            g.fillRect(0, 0, 8, 6);
            g.dispose();
            ImageIO.write(image, "png", sub.resolve(label + i + ".png").toFile());
        }
    }

    private static List<Batch> epoch(ImageFolder images, int e) {
        List<Batch> out = new ArrayList<>();
        try (BatchIterator it = images.batches(e)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void batchesOfScaledImagesWithTheSubfoldersAsClasses() throws IOException {
        ImageFolder images = ImageFolder.inOrder(folder(), 4, 3, 3, 4);
        assertEquals(List.of("cat", "dog"), images.classNames());
        assertEquals(9, images.size());
        List<Batch> batches = epoch(images, 0);
        assertEquals(List.of(4L, 4L, 1L), batches.stream().map(Batch::size).toList());
        assertArrayEquals(new long[] {4, 4, 3, 3}, batches.get(0).features().shape());
        assertArrayEquals(new float[] {0, 0, 0, 0}, batches.get(0).labels().toFloatVector());
        assertArrayEquals(new float[] {1, 0, 0}, batches.get(0).features().get(
                NDArrayIndex.point(0), NDArrayIndex.point(2),
                NDArrayIndex.point(1), NDArrayIndex.all())
                .toFloatVector(), 1e-6f, "red stays (1, 0, 0) when scaled");
        assertArrayEquals(new float[] {1}, batches.get(2).labels().toFloatVector());
        ImageFolder grey = ImageFolder.inOrder(dir, 2, 2, 1, 16);
        Batch all = epoch(grey, 0).get(0);
        assertEquals(0.299f, all.features().getFloat(0, 1, 1, 0), 1e-6f, "luma of red");
        assertEquals(0.114f, all.features().getFloat(8, 0, 0, 0), 1e-6f, "luma of blue");
    }

    @Test
    void aShuffledFolderHasANewOrderEachEpochAndTrains() throws IOException {
        ImageFolder images = ImageFolder.of(folder(), 4, 4, 3, 9, 7);
        float[] first = epoch(images, 0).get(0).labels().toFloatVector();
        float[] second = epoch(images, 1).get(0).labels().toFloatVector();
        assertEquals(4, sum(first), "every image once: 4 dogs");
        assertEquals(4, sum(second));
        assertNotEquals(List.of(first), List.of(second));
        Sequential model = new Sequential(new Input(4, 4, 3), new Flatten(), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        History h = model.fit(ImageFolder.of(dir, 4, 4, 3, 3, 1), Fit.epochs(40).verbose(0));
        assertEquals(1.0, h.last("accuracy"), "red against blue is separable");
    }

    @Test
    void anEmptyFolderOrABadImageIsAnErrorNamingIt() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        IOException none = assertThrows(IOException.class, () -> ImageFolder.of(dir, 4, 4, 3, 2, 1));
        assertTrue(none.getMessage().contains(dir.toString()), none.getMessage());
        folder();
        Files.writeString(dir.resolve("dog").resolve("broken.png"), "not a png");
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> epoch(ImageFolder.inOrder(dir, 4, 4, 3, 4), 0));
        assertTrue(bad.getCause().getMessage().contains("broken.png"), bad.getCause().getMessage());
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
