package io.mcp.sessionstore.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void failureWhenTheConnectionDroppedUnderAStatementThenUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(new SocketException("Connection reset")), "a restarted PgBouncer");
        assertTrue(DatabaseFailures.isUnavailable(new IllegalStateException("wrapped", new IOException("Broken pipe"))));
        assertTrue(DatabaseFailures.isUnavailable(new java.net.ConnectException("Connection refused")));
    }

    /** The Vert.x clients' own words for a connection they could not get, or a statement they could not send on one. */
    @Test
    void failureWhenTheClientHadNoConnectionThenUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(new io.vertx.core.impl.NoStackTraceThrowable("Timeout")));
        assertTrue(DatabaseFailures.isUnavailable(new io.vertx.core.VertxException("Connection refused: /127.0.0.1:5432")));
        assertTrue(DatabaseFailures.isUnavailable(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSING")));
        assertTrue(DatabaseFailures.isUnavailable(new io.vertx.core.VertxException(
                "Pending requests failed to be sent due to connection has been closed.",
                new io.vertx.core.impl.NoStackTraceThrowable(
                        "Pending requests failed to be sent due to connection has been closed."))));
    }

    @Test
    void failureWhenNotTheDatabasesThenNotUnavailable() {
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("a bug")));
        assertFalse(DatabaseFailures.isUnavailable(new io.vertx.core.VertxException("a handler failed")));
        assertFalse(DatabaseFailures.isUnavailable(new io.vertx.core.impl.NoStackTraceThrowable(null)));
        assertFalse(DatabaseFailures.isUnavailable(new IOException("no space left on device")));
    }
}
