package io.mcp.sessionstore.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OUT_DIR/benchmarks.svg: the throughput ratio of every (scenario, connections) as vertical bars,
 * batching on and off side by side, with the target as a dashed line over its group. Written by hand
 * (no charting library, no fonts to install): white background and generic font families so that it
 * reads the same on GitHub, which shows SVGs as images.
 */
final class RatioChart {

    static final String FILE_NAME = "benchmarks.svg";

    static final String ON_COLOR = "#1f77b4";
    static final String OFF_COLOR = "#ff7f0e";
    static final String TARGET_COLOR = "#d62728";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 440;
    private static final int PLOT_LEFT = 70;
    private static final int PLOT_RIGHT = 780;
    private static final int PLOT_TOP = 70;
    private static final int PLOT_BOTTOM = 340;
    private static final int MAX_BAR_WIDTH = 28;

    private final List<ThroughputComparison> comparisons;
    private final StringBuilder svg = new StringBuilder();
    private final double yMax;
    private final double yStep;

    private RatioChart(List<ThroughputComparison> comparisons) {
        this.comparisons = comparisons;
        double largest = 1.0;
        for (ThroughputComparison comparison : comparisons) {
            for (Mode mode : Mode.values()) {
                largest = Math.max(largest, comparison.ratio(mode).orElse(0.0));
            }
            largest = Math.max(largest, target(comparison).orElse(0.0));
        }
        this.yStep = niceStep(largest * 1.1 / 6);
        this.yMax = Math.ceil(largest * 1.1 / yStep) * yStep;
    }

    static String render(List<ThroughputComparison> comparisons) {
        return new RatioChart(comparisons).write();
    }

    private String write() {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(WIDTH / 2.0, 24, "middle", 16, "Peak throughput: service / baseline (PostgreSQL; gateway: direct upstream)");
        legend();
        if (comparisons.isEmpty()) {
            text(WIDTH / 2.0, (PLOT_TOP + PLOT_BOTTOM) / 2.0, "middle", 14, "no peak runs in this run");
        } else {
            axes();
            double groupWidth = (double) (PLOT_RIGHT - PLOT_LEFT) / comparisons.size();
            for (int i = 0; i < comparisons.size(); i++) {
                group(comparisons.get(i), PLOT_LEFT + i * groupWidth, groupWidth);
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void legend() {
        double x = PLOT_LEFT;
        double y = 44;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                x, y - 10, ON_COLOR));
        text(x + 18, y, "start", 12, "batching on (default, judged)");
        x += 210;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                x, y - 10, OFF_COLOR));
        text(x + 18, y, "start", 12, "batching off");
        x += 130;
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
                        + "stroke-dasharray=\"6,3\"/>%n", x, y - 4, x + 24, y - 4, TARGET_COLOR));
        text(x + 30, y, "start", 12, "target");
    }

    private void axes() {
        long ticks = Math.round(yMax / yStep);
        for (long i = 0; i <= ticks; i++) {
            double tick = i * yStep;
            double y = y(tick);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n",
                    PLOT_LEFT, y, PLOT_RIGHT, y, i == 0 ? "#000000" : "#dddddd"));
            text(PLOT_LEFT - 6, y + 4, "end", 11, String.format(Locale.ROOT, "%.2fx", tick));
        }
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000000\" stroke-width=\"1\"/>%n",
                PLOT_LEFT, PLOT_TOP, PLOT_LEFT, PLOT_BOTTOM));
        double middle = (PLOT_TOP + PLOT_BOTTOM) / 2.0;
        svg.append(String.format(Locale.ROOT,
                "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 18 %.1f)\">"
                        + "throughput ratio (service / baseline)</text>%n", middle, middle));
        text((PLOT_LEFT + PLOT_RIGHT) / 2.0, HEIGHT - 12, "middle", 12, "scenario, connections");
    }

    private void group(ThroughputComparison comparison, double left, double width) {
        double barWidth = Math.min(MAX_BAR_WIDTH, width * 0.3);
        double center = left + width / 2;
        bar(comparison, Mode.ON, center - barWidth - 1, barWidth, ON_COLOR);
        bar(comparison, Mode.OFF, center + 1, barWidth, OFF_COLOR);
        target(comparison).ifPresent(threshold -> svg.append(String.format(Locale.ROOT,
                "<line class=\"target\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"6,3\"><title>target %s</title></line>%n",
                center - barWidth - 8, y(threshold), center + barWidth + 8, y(threshold), TARGET_COLOR,
                escape(">= " + Format.ratio(threshold)))));
        text(center, PLOT_BOTTOM + 18, "middle", 12, comparison.scenario());
        text(center, PLOT_BOTTOM + 33, "middle", 11, comparison.connections() + " conn.");
        if (comparison.againstDirect()) {
            text(center, PLOT_BOTTOM + 48, "middle", 11, "(vs direct)");
        }
    }

    private void bar(ThroughputComparison comparison, Mode mode, double x, double width, String color) {
        Optional<Double> ratio = comparison.ratio(mode);
        if (ratio.isEmpty()) {
            text(x + width / 2, PLOT_BOTTOM - 4, "middle", 9, "n/a");
            return;
        }
        double top = y(ratio.get());
        String title = comparison.scenario() + ", " + comparison.connections() + " connections, batching "
                + mode.key() + ": " + Format.ratio(ratio.get());
        svg.append(String.format(Locale.ROOT,
                "<rect class=\"bar\" data-scenario=\"%s\" data-connections=\"%d\" data-mode=\"%s\" x=\"%.1f\" "
                        + "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>%n",
                escape(comparison.scenario()), comparison.connections(), mode.key(), x, top, width,
                PLOT_BOTTOM - top, color, escape(title)));
        text(x + width / 2, top - 3, "middle", 9, String.format(Locale.ROOT, "%.2f", ratio.get()));
    }

    private void text(double x, double y, String anchor, int size, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(content)));
    }

    private double y(double ratio) {
        return PLOT_BOTTOM - Math.min(ratio, yMax) / yMax * (PLOT_BOTTOM - PLOT_TOP);
    }

    private static Optional<Double> target(ThroughputComparison comparison) {
        return Targets.THROUGHPUT_RATIOS.stream()
                .filter(ratio -> ratio.scenario().equals(comparison.scenario()))
                .map(ratio -> ratio.target().threshold())
                .findFirst();
    }

    /** 1, 2, 2.5 or 5 times a power of ten: tick labels a reader can add up at a glance. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double normalized = rough / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
