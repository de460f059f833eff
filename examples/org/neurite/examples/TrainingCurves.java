package org.neurite.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.neurite.models.History;

/**
 * Draws a History with XChart, as SVG and PNG: the losses on the left axis, the other metrics on
 * the right one, training and validation series per epoch, the legend below the plot so that it
 * never covers a line.
 */
final class TrainingCurves {
    private static final int LOSSES = 0;
    private static final int METRICS = 1;

    private TrainingCurves() {
    }

    /** Writes {@code file} (an {@code .svg}) and the same picture beside it as {@code .png}; returns {@code file}. */
    static Path write(History history, Path file, String title) throws IOException {
        XYChart chart = chart(history.history(), title);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String base = folder.resolve(file.getFileName().toString().replaceFirst("\\.svg$", "")).toString();
        VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(base + ".svg");
    }

    static XYChart chart(Map<String, List<Double>> history, String title) {
        XYChart chart = new XYChartBuilder().width(840).height(460).title(title).xAxisTitle("epoch").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setXAxisDecimalPattern("0");
        styler.setYAxisGroupPosition(METRICS, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(LOSSES, "loss");
        chart.setYAxisGroupTitle(METRICS, "metric");
        history.forEach((name, values) -> {
            List<Integer> epochs = new ArrayList<>();
            List<Double> finite = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (Double.isFinite(values.get(i))) {   // a NaN loss would spoil the axis range
                    epochs.add(i + 1);
                    finite.add(values.get(i));
                }
            }
            if (!finite.isEmpty()) {
                XYSeries series = chart.addSeries(name, epochs, finite);
                series.setYAxisGroup(name.endsWith("loss") ? LOSSES : METRICS);
            }
        });
        return chart;
    }
}
