package io.mcp.sessionstore.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.problem.DatabaseUnavailableException;
import io.mcp.sessionstore.session.SessionConfig;
import io.smallrye.mutiny.Uni;

/**
 * Wraps each request's database work: a database that does not answer within SESSION_DB_TIMEOUT
 * is unavailable (503, never a hanging request), and every outcome feeds {@link DatabaseHealth}.
 */
@ApplicationScoped
public class DatabaseCalls {

    private final Duration timeout;
    private final DatabaseHealth health;

    public DatabaseCalls(SessionConfig config, DatabaseHealth health) {
        this.timeout = config.dbTimeout();
        this.health = health;
    }

    public <T> Uni<T> bounded(Uni<T> work) {
        return bounded(work, timeout);
    }

    public <T> Uni<T> bounded(Uni<T> work, Duration timeout) {
        return work.ifNoItem().after(timeout).failWith(() -> new DatabaseUnavailableException(
                "the database did not answer within " + timeout.toMillis() + " ms", null))
                .onItem().invoke(ignored -> health.recordSuccess())
                .onFailure().invoke(health::recordOutcome);
    }
}
