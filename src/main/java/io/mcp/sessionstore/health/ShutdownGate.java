package io.mcp.sessionstore.health;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.mcp.sessionstore.problem.Problem;
import io.mcp.sessionstore.problem.ProblemException;
import io.mcp.sessionstore.problem.ProblemMappers;
import io.mcp.sessionstore.problem.ProblemType;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * From SIGTERM on, new API requests get 503 with Retry-After (and the connection closes), so a
 * client or proxy retries on another replica, while requests already in flight finish: Quarkus
 * waits for them up to SHUTDOWN_TIMEOUT before the process exits.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    private volatile boolean closed;

    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        closed = true;
        LOG.info("shutting down: new requests get 503, requests in flight finish");
    }

    @ServerRequestFilter(preMatching = true, priority = 0)
    public void refuseWhenClosed() {
        if (closed) {
            throw new ProblemException(Problem.of(ProblemType.SHUTTING_DOWN,
                    "this replica is shutting down; retry the request"),
                    Map.of(HttpHeaders.RETRY_AFTER, ProblemMappers.RETRY_AFTER_SECONDS, "Connection", "close"));
        }
    }
}
