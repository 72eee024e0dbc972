package io.mcp.sessionstore.bench.report;

/** What a target measures, which decides how its figures and threshold are written. */
enum Quantity {
    RATIO,
    MILLISECONDS,
    WHOLE_MILLISECONDS,
    MEBIBYTES;

    String format(double value) {
        return switch (this) {
            case RATIO -> Format.ratio(value);
            case MILLISECONDS -> Format.ms(value) + " ms";
            case WHOLE_MILLISECONDS -> Format.wholeMs(value) + " ms";
            case MEBIBYTES -> Format.mib(value) + " MiB";
        };
    }
}
