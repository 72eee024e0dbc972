package io.mcp.sessionstore.cleanup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The scheduled removal of expired sessions. Environment variables: see ConfigAliases. The ranges are
 * checked at start by SessionCleanupJob, not by Bean Validation constraints here: a constraint on any
 * mapping makes Quarkus build a validator over every configuration class in its static init, 0.5 s
 * of each start (docs/design-notes.md, start-up).
 */
@ConfigMapping(prefix = "cleanup")
public interface CleanupConfig {

    /** Time between regular passes. Env: SESSION_CLEANUP_INTERVAL. */
    @WithDefault("1h")
    Duration interval();

    /** Whether an additional pass runs every {@link #aggressiveInterval()}. Env: MCP_AGGRESSIVE_CLEANUP. */
    @WithDefault("false")
    boolean aggressive();

    /** Time between aggressive passes. Env: SESSION_AGGRESSIVE_CLEANUP_INTERVAL. */
    @WithName("aggressive-interval")
    @WithDefault("10m")
    Duration aggressiveInterval();

    /** Time from start to the first pass, so a restarted service cleans at once. Env: SESSION_CLEANUP_INITIAL_DELAY. */
    @WithName("initial-delay")
    @WithDefault("15s")
    Duration initialDelay();

    /** A session is removed once it expired more than this long ago. Env: SESSION_CLEANUP_GRACE. */
    @WithDefault("0s")
    Duration grace();

    /** Rows deleted per statement (one transaction each), at least 1. Env: SESSION_CLEANUP_BATCH_SIZE. */
    @WithName("batch-size")
    @WithDefault("5000")
    int batchSize();

    /**
     * After each full batch the pass waits this many times as long as the batch took, so that it keeps
     * the database busy at most 1 / (1 + ratio) of its time and live requests have the rest; 0 sends
     * batch after batch; not negative. Env: SESSION_CLEANUP_PAUSE_RATIO.
     */
    @WithName("pause-ratio")
    @WithDefault("1")
    double pauseRatio();
}
