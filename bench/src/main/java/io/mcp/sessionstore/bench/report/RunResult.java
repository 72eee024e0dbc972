package io.mcp.sessionstore.bench.report;

/**
 * The figures of one measured run.
 *
 * @param requests requests sent (service, direct) or transactions processed (pgbench)
 * @param errors invalid responses, connection errors and timeouts; failed and skipped transactions
 * @param blockedMs time the open-model generator could not start a request on schedule: above 0 the
 *        latency figure is not trustworthy (the generator, not the service, delayed requests). In a
 *        closed-model run it is only the users' wait for their connections at the start: not listed.
 * @param unitsPerSecond throughput in units/s (a request or transaction counts {@link RunSpec#units()})
 * @param achievedRate requests or transactions per second actually started, to set beside the target
 *        rate of an open-model run
 */
record RunResult(RunSpec spec, long requests, long errors, long blockedMs, double unitsPerSecond,
                 double achievedRate, LatencySummary latency) {

    /** A run that measured nothing or failed some requests: the benchmark itself is broken (exit 2). */
    boolean failed() {
        return requests == 0 || errors > 0;
    }

    /** Failed, or its open-model latency figure is not trustworthy: listed in the report's Errors section. */
    boolean worthListing() {
        return failed() || (blockedMs > 0 && spec.load() == Load.HALF);
    }
}
