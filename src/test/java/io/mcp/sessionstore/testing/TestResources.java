package io.mcp.sessionstore.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the PostgreSQL test resource for every Quarkus test of the suite. */
@QuarkusTestResource(PostgresTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
