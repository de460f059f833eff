package org.neurite.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neurite.models.History;

/**
 * Writes a History as an SVG picture: one panel for the losses, one for the other metrics,
 * training and validation series per epoch.
 */
final class TrainingCurves {
    private static final int W = 420;
    private static final int H = 280;
    private static final int PAD = 40;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    private TrainingCurves() {
    }

    static Path write(History history, Path file, String title) throws IOException {
        Map<String, List<Double>> h = history.history();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>%n",
                2 * W, H + 30));
        svg.append("<rect width='100%' height='100%' fill='white'/>\n");
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='16' font-size='14'>%s</text>%n", PAD, title));
        panel(svg, h, 0, true);
        panel(svg, h, W, false);
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        return file;
    }

    private static void panel(StringBuilder svg, Map<String, List<Double>> h, int x0, boolean losses) {
        int y0 = 30;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int epochs = 1;
        for (Map.Entry<String, List<Double>> e : h.entrySet()) {
            if (isLoss(e.getKey()) == losses) {
                for (double v : e.getValue()) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                epochs = Math.max(epochs, e.getValue().size());
            }
        }
        if (min > max) {
            return;
        }
        if (max - min < 1e-9) {
            max = min + 1;
        }
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>%n",
                x0 + PAD, y0, W - 2 * PAD, H - 2 * PAD));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>%.4g</text><text x='%d' y='%d'>%.4g</text>%n",
                x0 + 2, y0 + 10, max, x0 + 2, y0 + H - 2 * PAD, min));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>epoch 1..%d</text>%n", x0 + W / 2 - 30,
                y0 + H - PAD + 14, epochs));
        int color = 0;
        int legend = 0;
        for (Map.Entry<String, List<Double>> e : h.entrySet()) {
            if (isLoss(e.getKey()) != losses) {
                continue;
            }
            String c = COLORS[color++ % COLORS.length];
            StringBuilder pts = new StringBuilder();
            List<Double> v = e.getValue();
            for (int i = 0; i < v.size(); i++) {
                double px = x0 + PAD + (epochs == 1 ? 0.5 : (double) i / (epochs - 1)) * (W - 2 * PAD);
                double py = y0 + (H - 2 * PAD) * (max - v.get(i)) / (max - min);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='2.5' fill='%s'/>%n", px, py, c));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>%n",
                    pts.toString().trim(), c));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%s</text>%n", x0 + W - PAD - 110,
                    y0 + 14 + 13 * legend++, c, e.getKey()));
        }
    }

    private static boolean isLoss(String key) {
        return key.endsWith("loss");
    }
}
