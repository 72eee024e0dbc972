package io.mcp.sessionstore.testing;

import java.util.concurrent.TimeUnit;

/** Stopping what a test started, by its pid: SIGTERM, a bounded wait, then SIGKILL. */
public final class Processes {

    private static final long GRACE_SECONDS = 10;

    private Processes() {
    }

    public static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        awaitExitOrKill(process);
    }

    /** Waits for a process already signalled; SIGKILL when it is still there after the grace. */
    public static void awaitExitOrKill(Process process) {
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
