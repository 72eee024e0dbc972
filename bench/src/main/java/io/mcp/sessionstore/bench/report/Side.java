package io.mcp.sessionstore.bench.report;

/** What a run drove. */
enum Side {
    /** The service, driven by Hyperfoil. */
    SERVICE("service"),
    /** PostgreSQL, driven by pgbench with the service's own statements: the baseline. */
    PGBENCH("pgbench"),
    /** The upstream MCP server without the gateway (scenario gateway only), driven by Hyperfoil. */
    DIRECT("direct");

    private final String key;

    Side(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Side ofKey(String key) {
        for (Side side : values()) {
            if (side.key.equals(key)) {
                return side;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
