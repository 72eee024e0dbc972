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

    /** The reactive client's own words (SocketConnectionBase) for statements it could not send on a closed connection. */
    @Test
    void failureWhenTheClientCouldNotSendOnAClosedConnectionThenUnavailable() {
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
        assertFalse(DatabaseFailures.isUnavailable(new IOException("no space left on device")));
    }
}
