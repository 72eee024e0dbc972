package io.mcp.sessionstore.bench.report;

import java.util.Locale;
import java.util.Optional;

/**
 * How the report writes numbers: throughput without decimals above 100 (else one), ratios with two
 * decimals and "x", milliseconds with two decimals. Locale.ROOT: a decimal point whatever the machine's
 * locale, so that reports from different machines compare line by line. Absent figures print as "-".
 */
final class Format {

    static final String ABSENT = "-";

    private Format() {
    }

    static String throughput(double unitsPerSecond) {
        return String.format(Locale.ROOT, unitsPerSecond > 100 ? "%.0f" : "%.1f", unitsPerSecond);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    /** Start-up times: whole milliseconds are what a start-up measurement resolves. */
    static String wholeMs(double millis) {
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    static String mib(double mib) {
        return String.format(Locale.ROOT, "%.1f", mib);
    }

    /** A margin in percent: one decimal below 10% where the decimal still says something. */
    static String percent(double percent) {
        return String.format(Locale.ROOT, percent < 10 ? "%.1f%%" : "%.0f%%", percent);
    }

    static String throughput(Optional<Double> unitsPerSecond) {
        return unitsPerSecond.map(Format::throughput).orElse(ABSENT);
    }

    static String ratio(Optional<Double> ratio) {
        return ratio.map(Format::ratio).orElse(ABSENT);
    }

    static String ms(Optional<Double> millis) {
        return millis.map(Format::ms).orElse(ABSENT);
    }

    static String mib(Optional<Double> mib) {
        return mib.map(Format::mib).orElse(ABSENT);
    }
}
