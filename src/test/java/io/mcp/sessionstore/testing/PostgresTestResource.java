package io.mcp.sessionstore.testing;

import java.util.Map;

import org.testcontainers.DockerClientFactory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the tests' PostgreSQL once for the whole run and hands its address to Quarkus.
 * {@link #database()} gives tests the same instance.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static TestDatabase database;

    public static synchronized TestDatabase database() {
        if (database == null) {
            database = DockerClientFactory.instance().isDockerAvailable()
                    ? new ContainerTestDatabase()
                    : new EmbeddedTestDatabase();
        }
        return database;
    }

    @Override
    public Map<String, String> start() {
        return database().datasourceProperties();
    }

    @Override
    public synchronized void stop() {
        // The database outlives one Quarkus application: several test profiles restart the app
        // within one JVM, and a JVM shutdown hook of the binaries or Testcontainers' reaper ends it.
    }
}
