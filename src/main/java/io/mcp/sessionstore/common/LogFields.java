package io.mcp.sessionstore.common;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * An operator log line with its structured fields: the session (its fingerprint, see
 * {@link LogSafe#fingerprint}) and the upstream's serverId go to the MDC for that one line, so that
 * the JSON lines of the prod profile carry them under {@code mdc} beside the trace ids Quarkus puts
 * there, while the message keeps its wording. Set for the line only: the MDC of a Vert.x context
 * lives as long as its request, and a background task's MDC as long as its thread.
 */
public final class LogFields {

    public static final String SESSION = "sessionFingerprint";
    public static final String SERVER_ID = "serverId";

    private LogFields() {
    }

    /** {@code sessionId} in clear or null: the MDC gets its fingerprint; {@code serverId} may be null. */
    public static void log(Logger log, Logger.Level level, String sessionId, String serverId, String format,
            Object... parameters) {
        if (!log.isEnabled(level)) {
            return;
        }
        Object sessionBefore = MDC.get(SESSION);
        Object serverBefore = MDC.get(SERVER_ID);
        put(SESSION, LogSafe.fingerprint(sessionId));
        put(SERVER_ID, serverId);
        try {
            log.logf(level, format, parameters);
        } finally {
            restore(SESSION, sessionBefore);
            restore(SERVER_ID, serverBefore);
        }
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private static void restore(String key, Object before) {
        if (before == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, before);
        }
    }
}
