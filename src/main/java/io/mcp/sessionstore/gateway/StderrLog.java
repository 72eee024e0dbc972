package io.mcp.sessionstore.gateway;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.LogSafe;

/**
 * A stdio child's stderr in the gateway's log, each line with its upstream, pid and client session,
 * bounded: a line is cut at {@link #MAX_LINE_CHARS}, and a child logs at most {@link #BYTES_PER_MINUTE}
 * a minute (a chatty or looping child must not fill the node's disk); what is dropped is counted in
 * the next line that gets through. Called from the child's one stderr reader thread.
 */
final class StderrLog {

    private static final Logger LOG = Logger.getLogger(StderrLog.class);
    static final int MAX_LINE_CHARS = 2048;
    static final long BYTES_PER_MINUTE = 64 * 1024;
    private static final long MINUTE = 60_000_000_000L;

    private final String upstreamId;
    private final long pid;
    private long windowStart = System.nanoTime();
    private long loggedInWindow;
    private long dropped;
    private boolean toldNotJson;

    StderrLog(String upstreamId, long pid) {
        this.upstreamId = upstreamId;
        this.pid = pid;
    }

    void line(String text, String session) {
        long now = System.nanoTime();
        if (now - windowStart > MINUTE) {
            windowStart = now;
            loggedInWindow = 0;
        }
        String line = text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) + "... (cut)" : text;
        if (loggedInWindow + line.length() > BYTES_PER_MINUTE) {
            dropped++;
            return;
        }
        loggedInWindow += line.length();
        if (dropped > 0) {
            LogFields.log(LOG, Logger.Level.INFO, session, upstreamId,
                    "MCP stdio %s pid %d session %s stderr: (%d lines dropped: over %d bytes a minute)", upstreamId, pid,
                    name(session), dropped, BYTES_PER_MINUTE);
            dropped = 0;
        }
        LogFields.log(LOG, Logger.Level.INFO, session, upstreamId, "MCP stdio %s pid %d session %s stderr: %s",
                upstreamId, pid, name(session), line);
    }

    /** {@code session} in clear, or null while the child's initialize is under way. */
    static String name(String session) {
        return session == null ? "(initializing)" : LogSafe.fingerprint(session);
    }

    /** Once per child: stdout must carry only MCP messages (the spec); a child that logs there is told of once. */
    synchronized void notJson(String session) {
        if (!toldNotJson) {
            toldNotJson = true;
            LogFields.log(LOG, Logger.Level.WARN, session, upstreamId, "MCP stdio %s pid %d session %s wrote a stdout line "
                    + "that is no JSON-RPC message: ignored (stdout is for MCP messages only; this is said once per child)",
                    upstreamId, pid, name(session));
        }
    }
}
