package io.mcp.sessionstore.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a container; stop() pauses it, so the mapped port and the data stay. */
final class ContainerTestDatabase implements TestDatabase {

    private final PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
            .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off");

    ContainerTestDatabase() {
        container.start();
    }

    @Override
    public void stop() {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String reactiveUrl() {
        return "postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/"
                + container.getDatabaseName();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }
}
