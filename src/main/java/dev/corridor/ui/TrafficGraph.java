package dev.corridor.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The live graphs: kbit/s in and out over the last minutes, newest at the right (0 s), and below
 * it the round-trip time to the tunnel gateway in milliseconds (gaps where none was measured).
 */
final class TrafficGraph {
    private final NumberAxis time;
    private final NumberAxis rate = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> in = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> out = new XYChart.Series<>();
    private final NumberAxis rttTime;
    private final NumberAxis rttAxis = new NumberAxis();
    private final LineChart<Number, Number> rttChart;
    private final XYChart.Series<Number, Number> rtt = new XYChart.Series<>();
    private final javafx.scene.layout.VBox box;

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
        rttTime = new NumberAxis(-seconds, 0, Math.max(1, seconds / 5));
        rttTime.setAutoRanging(false);
        rttAxis.setForceZeroInRange(true);
        rttChart = new LineChart<>(rttTime, rttAxis);
        rttChart.setId("round-trip-graph");
        rttChart.setAnimated(false);
        rttChart.setCreateSymbols(false);
        rttChart.setLegendVisible(false);
        rttChart.setMinHeight(150);
        rttChart.setPrefHeight(170);
        rttChart.getData().add(rtt);
        box = new javafx.scene.layout.VBox(chart, rttChart);
        javafx.scene.layout.VBox.setVgrow(chart, javafx.scene.layout.Priority.ALWAYS);
        labels.add(t -> {
            rttChart.setTitle(t.get("graph.rtt.title"));
            rttChart.setAccessibleText(t.get("graph.rtt.a11y"));
            rttTime.setLabel(t.get("graph.time"));
            rttAxis.setLabel(t.get("graph.rtt.axis"));
            rtt.setName(t.get("graph.rtt.title"));
        });
        labels.add(t -> {
            chart.setTitle(t.format("graph.title", seconds / 60));
            chart.setAccessibleText(t.get("graph.a11y"));
            time.setLabel(t.get("graph.time"));
            rate.setLabel(t.get("graph.rate"));
            in.setName(t.get("graph.in"));
            out.setName(t.get("graph.out"));
        });
    }

    javafx.scene.layout.VBox node() {
        return box;
    }

    /** Redraws from {@code rates}, placed relative to {@code now}. */
    void show(List<TrafficHistory.Rate> rates, Instant now) {
        List<XYChart.Data<Number, Number>> inPoints = new ArrayList<>();
        List<XYChart.Data<Number, Number>> outPoints = new ArrayList<>();
        List<XYChart.Data<Number, Number>> rttPoints = new ArrayList<>();
        for (TrafficHistory.Rate r : rates) {
            double x = -Duration.between(r.at(), now).toMillis() / 1000.0;
            inPoints.add(new XYChart.Data<>(x, Amounts.kilobits(r.bitsInPerSecond())));
            outPoints.add(new XYChart.Data<>(x, Amounts.kilobits(r.bitsOutPerSecond())));
            if (!Double.isNaN(r.roundTripMillis())) {
                rttPoints.add(new XYChart.Data<>(x, r.roundTripMillis()));
            }
        }
        in.getData().setAll(inPoints);
        out.getData().setAll(outPoints);
        rtt.getData().setAll(rttPoints);
    }

    int points() {
        return in.getData().size();
    }

    int roundTripPoints() {
        return rtt.getData().size();
    }
}
