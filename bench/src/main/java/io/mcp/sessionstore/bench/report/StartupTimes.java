package io.mcp.sessionstore.bench.report;

import java.util.Arrays;

/** Start-to-ready times of several starts of the packaged service; the median is the figure judged. */
record StartupTimes(double[] millis) {

    StartupTimes {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no start-up times");
        }
        millis = millis.clone();
        Arrays.sort(millis);
    }

    /** Parses "1830,1790,1802"; blanks around the commas are allowed. */
    static StartupTimes parse(String commaSeparated) {
        String[] parts = commaSeparated.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i].trim());
            if (!Double.isFinite(values[i]) || values[i] < 0) {
                throw new NumberFormatException(parts[i]);
            }
        }
        return new StartupTimes(values);
    }

    double median() {
        int n = millis.length;
        return n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
    }

    double min() {
        return millis[0];
    }

    double max() {
        return millis[millis.length - 1];
    }

    int count() {
        return millis.length;
    }

    @Override
    public double[] millis() {
        return millis.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StartupTimes times && Arrays.equals(millis, times.millis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(millis);
    }

    @Override
    public String toString() {
        return "StartupTimes" + Arrays.toString(millis);
    }
}
