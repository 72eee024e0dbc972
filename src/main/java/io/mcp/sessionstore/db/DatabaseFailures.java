package io.mcp.sessionstore.db;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.mcp.sessionstore.common.DatabaseUnavailableException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Tells a database that is down, unreachable, overloaded or slow from a bug in a statement. */
public final class DatabaseFailures {

    /**
     * The words of the Vert.x clients, in a stack-less throwable or a VertxException, for a connection
     * they could not get or use: a timeout, a refused connect, and a statement on a connection the
     * server has just closed or queued on it unsent (SocketConnectionBase).
     */
    private static final Pattern VERTX_NO_CONNECTION = Pattern.compile(
            "Timeout|Connection refused|Connection is not active now|connection has been closed");

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof ConnectException
                    || t instanceof ClosedConnectionException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
            if (t instanceof PgException pg && isUnavailableState(pg.getSqlState())) {
                return true;
            }
            String name = t.getClass().getName();
            // Vert.x reports a pool wait or connect timeout as a stack-less throwable named so
            if (name.endsWith("NoStackTraceTimeoutException") || name.endsWith("ConnectTimeoutException")) {
                return true;
            }
            if ((name.endsWith("NoStackTraceThrowable") || t instanceof io.vertx.core.VertxException)
                    && t.getMessage() != null && VERTX_NO_CONNECTION.matcher(t.getMessage()).find()) {
                return true;
            }
            // the connection dropped under a statement: "Connection reset" (a restarted PgBouncer), "Broken pipe"
            if (t instanceof java.net.SocketException || (t instanceof java.io.IOException
                    && String.valueOf(t.getMessage()).matches("(?i).*(connection reset|broken pipe).*"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL cannot store the caller's text: U+0000 in jsonb (22P05) or in text (22021). The
     * caller's data, not a fault of the service: a 400 naming the character.
     */
    public static boolean isUnstorableText(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && ("22P05".equals(pg.getSqlState()) || "22021".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P0x (shutdown, cannot connect
     * now) and 57014 (statement timeout) mean "try again later".
     */
    static boolean isUnavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.startsWith("57P") || sqlState.equals("57014"));
    }
}
