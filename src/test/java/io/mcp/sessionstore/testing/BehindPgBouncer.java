package io.mcp.sessionstore.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test profile of the suites that run through {@link PgBouncerTestResource}. The global
 * PostgreSQL resource is off: its datasource properties would win over DATABASE_URL and bypass
 * PgBouncer.
 */
public class BehindPgBouncer implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PgBouncerTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
