package io.mcp.sessionstore.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.StdioUpstreamTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A stdio child idle for MCP_STDIO_IDLE_TIMEOUT (1 s here) is stopped, and started again by its session's next call. */
@QuarkusTest
@WithTestResource(StdioUpstreamTestResource.Idle.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayStdioIdleTest {

    @Test
    void idleWhenNoMessageForTheTimeoutThenChildStoppedAndStartedAgainOnTheNextCall() {
        String session = GatewayStdioTest.initialize();
        assertTrue(GatewayStdioTest.echo(session, "first").contains("Echo: first"));
        List<ProcessHandle> first = GatewayStdioTest.awaitChildren(1);
        Api.await("the idle child stopped", Duration.ofSeconds(20), () -> !first.getFirst().isAlive());
        GatewayStdioTest.awaitChildren(0);

        assertTrue(GatewayStdioTest.echo(session, "again").contains("Echo: again"), "the same client session");
        List<ProcessHandle> second = GatewayStdioTest.awaitChildren(1);
        assertTrue(second.getFirst().pid() != first.getFirst().pid(), "a new child");
        Api.api().get(Api.session(session)).then().statusCode(200).body("gateway.upstreamGeneration", equalTo(2))
                .body("gateway.upstreamStateLost", equalTo(true));
        GatewayStdioTest.end(session);
    }
}
