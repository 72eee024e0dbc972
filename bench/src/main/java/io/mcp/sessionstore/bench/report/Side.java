package io.mcp.sessionstore.bench.report;

/** What a run drove. */
enum Side {
    /** The service, driven by Hyperfoil. */
    SERVICE,
    /** PostgreSQL, driven by pgbench with the service's own statements: the baseline. */
    PGBENCH,
    /** The upstream MCP server without the gateway (scenario gateway only), driven by Hyperfoil. */
    DIRECT;

    String key() {
        return EnumKeys.key(this);
    }

    static Side ofKey(String key) {
        return EnumKeys.of(Side.class, key);
    }
}
