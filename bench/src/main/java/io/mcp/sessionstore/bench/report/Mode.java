package io.mcp.sessionstore.bench.report;

/** The service's statement batching; ON is the default configuration, the one the verdicts judge. */
enum Mode {
    ON,
    OFF;

    /** As written in runs.tsv and in the run.properties keys. */
    String key() {
        return EnumKeys.key(this);
    }

    static Mode ofKey(String key) {
        return EnumKeys.of(Mode.class, key);
    }
}
