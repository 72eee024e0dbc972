package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;

import io.mcp.sessionstore.testing.UpstreamTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The gateway suite against the packaged application, in front of a real server-everything. */
@QuarkusIntegrationTest
class GatewayIT extends GatewayTest {

    /** After the whole suite (restarts, re-initializes, failures): the upstream's header secret is in no log line. */
    @AfterAll
    static void upstreamHeaderSecretInNoLogLine() throws IOException {
        String log = Files.readString(Path.of("target/quarkus.log"));
        assertTrue(log.contains("MCP gateway upstream everything"), "the packaged application's log");
        assertTrue(log.contains("re-initialized, generation 2"), "a log with the suite's upstream restarts in it");
        assertFalse(log.contains(UpstreamTestResource.HEADER_SECRET), "an upstream header value was logged");
    }
}
