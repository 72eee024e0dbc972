package io.mcp.sessionstore.cleanup;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The scheduled removal of expired sessions. Environment variables: see ConfigAliases. */
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

    /** Rows deleted per statement (one transaction each). Env: SESSION_CLEANUP_BATCH_SIZE. */
    @WithName("batch-size")
    @WithDefault("5000")
    @Min(1)
    int batchSize();

    /**
     * After each full batch the pass waits this many times as long as the batch took, so that it keeps
     * the database busy at most 1 / (1 + ratio) of its time and live requests have the rest; 0 sends
     * batch after batch. Env: SESSION_CLEANUP_PAUSE_RATIO.
     */
    @WithName("pause-ratio")
    @WithDefault("1")
    @PositiveOrZero
    double pauseRatio();
}
