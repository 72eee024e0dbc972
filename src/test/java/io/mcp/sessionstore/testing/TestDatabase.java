package io.mcp.sessionstore.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The real PostgreSQL the tests run against: a Testcontainers container when a Docker engine
 * answers, otherwise embedded PostgreSQL binaries from Maven Central. Tests reach it through JDBC to
 * arrange state the API must not offer (an expiry in the past) and can stop and restart it.
 */
public interface TestDatabase extends AutoCloseable {

    String jdbcUrl();

    String reactiveUrl();

    String username();

    String password();

    /** Makes the database unreachable (stopped or paused) without losing its data. */
    void stop();

    /** Brings it back on the same address with the same data. */
    void start();

    @Override
    void close();

    /** The libpq URI a deployment would put in DATABASE_URL. */
    default String databaseUrl() {
        String credentials = password() == null || password().isEmpty() ? username() : username() + ":" + password();
        return reactiveUrl().replace("postgresql://", "postgresql://" + credentials + "@");
    }

    default Map<String, String> datasourceProperties() {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.username", username(),
                "quarkus.datasource.password", password());
    }

    default int update(String sql, Object... parameters) {
        return withStatement(sql, parameters, PreparedStatement::executeUpdate);
    }

    default String queryString(String sql, Object... parameters) {
        return withStatement(sql, parameters, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        });
    }

    default long queryLong(String sql, Object... parameters) {
        return withStatement(sql, parameters, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private <T> T withStatement(String sql, Object[] parameters, StatementWork<T> work) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
