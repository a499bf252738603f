package dev.corridor.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The live throughput graph: kbit/s in and out over the last minutes, newest at the right (0 s).
 * Round-trip time is not drawn: the engine has no measurement of it (docs/desktop-window.md).
 */
final class TrafficGraph {
    private final NumberAxis time;
    private final NumberAxis rate = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> in = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> out = new XYChart.Series<>();

    TrafficGraph(Labelling labels, Duration window) {
        long seconds = window.toSeconds();
        time = new NumberAxis(-seconds, 0, Math.max(1, seconds / 5));
        time.setAutoRanging(false);
        rate.setForceZeroInRange(true);
        chart = new LineChart<>(time, rate);
        chart.setId("traffic-graph");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setMinHeight(200);
        chart.getData().add(in);
        chart.getData().add(out);
        labels.add(t -> {
            chart.setTitle(t.format("graph.title", seconds / 60));
            chart.setAccessibleText(t.get("graph.a11y"));
            time.setLabel(t.get("graph.time"));
            rate.setLabel(t.get("graph.rate"));
            in.setName(t.get("graph.in"));
            out.setName(t.get("graph.out"));
        });
    }

    LineChart<Number, Number> node() {
        return chart;
    }

    /** Redraws from {@code rates}, placed relative to {@code now}. */
    void show(List<TrafficHistory.Rate> rates, Instant now) {
        List<XYChart.Data<Number, Number>> inPoints = new ArrayList<>();
        List<XYChart.Data<Number, Number>> outPoints = new ArrayList<>();
        for (TrafficHistory.Rate r : rates) {
            double x = -Duration.between(r.at(), now).toMillis() / 1000.0;
            inPoints.add(new XYChart.Data<>(x, Amounts.kilobits(r.bitsInPerSecond())));
            outPoints.add(new XYChart.Data<>(x, Amounts.kilobits(r.bitsOutPerSecond())));
        }
        in.getData().setAll(inPoints);
        out.getData().setAll(outPoints);
    }

    int points() {
        return in.getData().size();
    }
}
