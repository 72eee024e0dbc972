package io.mcp.sessionstore.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.mcp.transport.McpTransport;
import io.mcp.sessionstore.mcp.transport.StreamSink;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Every third of the call lease: this replica renews the leases of the calls it relays, and takes
 * over the calls whose replica stopped renewing theirs (killed, or cut off from the database), a few
 * at a time, each resumed from its upstream where the last replica left it.
 */
@ApplicationScoped
class CallTakeover {

    private static final Logger LOG = Logger.getLogger(CallTakeover.class);
    private static final int CLAIMS_PER_ROUND = 16;

    private final InFlightCalls calls;
    private final GatewayHandlers handlers;
    private final CallRelay relay;
    private final McpTransport transport;
    private final Vertx vertx;
    private volatile long timer = -1;

    CallTakeover(InFlightCalls calls, GatewayHandlers handlers, CallRelay relay, McpTransport transport, Vertx vertx) {
        this.calls = calls;
        this.handlers = handlers;
        this.relay = relay;
        this.transport = transport;
        this.vertx = vertx;
    }

    /** After UpstreamRegistry read the upstreams (it observes the start at the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (handlers.any()) {
            timer = vertx.setPeriodic(Math.max(100, relay.lease().toMillis() / 3), ignored -> round());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void round() {
        calls.renew(relay.lease())
                .chain(() -> calls.claim(relay.lease(), CLAIMS_PER_ROUND))
                .subscribe().with(claimed -> claimed.forEach(this::takeOver),
                        failure -> LOG.debugf("MCP gateway: lease round failed: %s", LogSafe.reason(failure)));
    }

    private void takeOver(InFlightCalls.Call call) {
        StreamSink sink = transport.sink(call.sessionId(), call.streamId());
        Uni<Void> work = handlers.find(call.serverId())
                .map(handler -> handler.takeOver(call, sink))
                .orElseGet(() -> relay.fail(call, sink, UpstreamSessions.parse(call.requestId()),
                        "no upstream " + call.serverId() + " is configured on the gateway replica that took this call over"));
        work.onFailure(NotFoundException.class).recoverWithUni(gone -> calls.close(call))
                .subscribe().with(done -> { }, failure -> LOG.infof(
                        "MCP gateway: taking over call %s of session %s on %s failed: %s", call.requestId(),
                        call.sessionId(), call.serverId(), LogSafe.reason(failure)));
    }
}
