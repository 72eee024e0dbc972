package io.mcp.sessionstore.bench.report;

/** The service's statement batching; ON is the default configuration, the one the verdicts judge. */
enum Mode {
    ON("on"),
    OFF("off");

    private final String key;

    Mode(String key) {
        this.key = key;
    }

    /** As written in runs.tsv and in the run.properties keys. */
    String key() {
        return key;
    }

    static Mode ofKey(String key) {
        for (Mode mode : values()) {
            if (mode.key.equals(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
