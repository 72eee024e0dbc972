package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.cleanup.SessionCleanupService;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.UpstreamTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Expiry ends the upstream session too, as DELETE does: cleanup deletes the session, the gateway the upstream's. */
@QuarkusTest
@WithTestResource(UpstreamTestResource.class) // the same upstream (and Quarkus) as GatewayTest
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayExpiryTest {

    @Inject
    SessionCleanupService cleanup;

    @Test
    void expiryWhenCleanupDeletesAGatewaySessionThenItsUpstreamSessionIsEndedToo() {
        String session = GatewayTest.initialize();
        Matcher initialized = Pattern.compile("Session initialized with ID: (\\S+)").matcher(UpstreamTestResource.upstream().log());
        String upstreamSession = null;
        while (initialized.find()) {
            upstreamSession = initialized.group(1); // the last one: this session's
        }
        assertTrue(upstreamSession != null, UpstreamTestResource.upstream().log());
        assertEquals(1, PostgresTestResource.database().update("UPDATE sessions SET expires_at = now() - interval '2 hours', "
                + "cleanup_due_at = now() - interval '2 hours' WHERE id = ?", session));

        SessionCleanupService.PassResult pass = cleanup.runPass("test").await().atMost(Duration.ofSeconds(30));
        assertTrue(pass.deleted() >= 1 && pass.error() == null, pass.toString());
        String ended = "Received session termination request for session " + upstreamSession;
        Api.await("the upstream session ended", Duration.ofSeconds(15), () -> UpstreamTestResource.upstream().log()
                .contains(ended));
    }
}
