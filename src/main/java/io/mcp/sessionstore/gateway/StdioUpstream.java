package io.mcp.sessionstore.gateway;

import java.net.ConnectException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.problem.ProblemMappers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * stdio upstreams: one child process per upstream session, run by the replica that started it and
 * leased to it in {@link StdioOwners}. A session whose child runs on another replica is forwarded
 * there ({@link StdioForwarding}); one whose owner is gone (lease run out, or nothing listens at its
 * address any more) is lost, so the gateway re-initializes it here with a child of its own. At most
 * MCP_STDIO_MAX_PROCESSES children; one idle for MCP_STDIO_IDLE_TIMEOUT is stopped, and its session
 * re-initialized on its next request.
 */
@ApplicationScoped
class StdioUpstream implements HeldSessions {

    private static final Logger LOG = Logger.getLogger(StdioUpstream.class);
    private static final UpstreamReply LOST = new UpstreamReply(404, null, List.of());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final ObjectMapper json;
    private final GatewayConfig config;
    private final StdioOwners owners;
    private final StdioForwarding forwarding;
    private final Map<Held, StdioChild> children = new ConcurrentHashMap<>();
    /** Children running or starting: the limit counts a child from before its start. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final io.micrometer.core.instrument.MeterRegistry meters;
    /** Removed when this bean goes: a registry that outlives it (tests restart the application) would keep showing its map. */
    private final io.micrometer.core.instrument.Gauge processes;

    private record Held(String upstreamId, String key) {
    }

    StdioUpstream(Vertx vertx, ObjectMapper json, GatewayConfig config, StdioOwners owners, StdioForwarding forwarding,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
        this.owners = owners;
        this.forwarding = forwarding;
        this.meters = meters;
        this.processes = io.micrometer.core.instrument.Gauge.builder("mcp.gateway.stdio.processes", children, Map::size)
                .description("stdio upstream children this replica runs (at most MCP_STDIO_MAX_PROCESSES)")
                .register(meters);
    }

    /**
     * The MCP lifecycle's shutdown for every child, all at once, and their rows released (when the
     * pool is still open: otherwise they expire with their lease).
     */
    @PreDestroy
    void close() {
        meters.remove(processes);
        List<CompletableFuture<Integer>> stopping = List.copyOf(children.values()).stream()
                .map(child -> child.close("the gateway is stopping")).toList();
        if (stopping.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(config.stdio().stopTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("MCP stdio: not every child stopped in time (%s)", LogSafe.reason(e));
        }
        try {
            owners.releaseAll().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("MCP stdio: the rows of this replica's children expire with their lease (%s)", LogSafe.reason(e));
        }
    }

    @Override
    public Uni<UpstreamReply> post(Upstream upstream, String key, ObjectNode message, String clientSession) {
        return Uni.createFrom().deferred(() -> {
            if (key == null || key.isEmpty()) {
                return "initialize".equals(message.path("method").asText())
                        ? onCaller(start(upstream, message, clientSession)) : Uni.createFrom().item(LOST);
            }
            StdioChild child = held(upstream, key);
            if (child != null) {
                child.serves(clientSession);
                return onCaller(exchange(child, message));
            }
            return elsewhere(key, LOST, owner -> forwarding.post(owner, upstream, key, message));
        });
    }

    @Override
    public Uni<UpstreamStream> postStreaming(Upstream upstream, String key, ObjectNode message) {
        return Uni.createFrom().deferred(() -> {
            StdioChild child = key == null ? null : held(upstream, key);
            if (child != null) {
                return onCaller(streamed(child, message));
            }
            if (key == null || key.isEmpty()) {
                return post(upstream, key, message, null).map(StdioUpstream::asStream);
            }
            return elsewhere(key, asStream(LOST), owner -> forwarding.postStreaming(owner, upstream, key, message));
        });
    }

    @Override
    public Uni<Integer> delete(Upstream upstream, String key) {
        return Uni.createFrom().deferred(() -> {
            StdioChild child = key == null ? null : children.get(new Held(upstream.id(), key));
            if (child != null) {
                child.close("its session was ended");
                return Uni.createFrom().item(200);
            }
            return key == null ? Uni.createFrom().item(404) : elsewhere(key, 404, owner -> forwarding.delete(owner, upstream, key));
        });
    }

    /** A message forwarded by another replica: served only by a child this replica runs (404 otherwise, never forwarded again). */
    Uni<UpstreamStream> serveForwarded(Upstream upstream, String key, ObjectNode message) {
        StdioChild child = held(upstream, key);
        return child == null ? Uni.createFrom().item(asStream(LOST)) : streamed(child, message);
    }

    /** A DELETE forwarded by another replica. */
    Uni<Integer> deleteForwarded(Upstream upstream, String key) {
        StdioChild child = held(upstream, key);
        return child == null ? Uni.createFrom().item(404) : delete(upstream, key);
    }

    private StdioChild held(Upstream upstream, String key) {
        StdioChild child = children.get(new Held(upstream.id(), key));
        return child == null || child.closed() ? null : child;
    }

    /**
     * The child runs elsewhere: forwarded to its owner while that one's lease holds and it listens.
     * No owner, an expired lease (the row goes), this very replica (a child it stopped), or an owner
     * that refuses the connection (it died): the session is lost here, and re-initialized.
     */
    private <T> Uni<T> elsewhere(String key, T lost, Function<StdioOwners.Owner, Uni<T>> forward) {
        return owners.find(key).chain(owner -> {
            if (owner == null || owners.mine(owner)) {
                return Uni.createFrom().item(lost);
            }
            if (!owner.alive()) {
                return owners.forget(key).replaceWith(lost);
            }
            return forward.apply(owner).onFailure(failure -> LogSafe.rootCause(failure) instanceof ConnectException)
                    .recoverWithItem(lost);
        });
    }

    /** A new child for a new upstream session, counted against the limit, claimed, then initialized. */
    private Uni<UpstreamReply> start(Upstream upstream, ObjectNode initialize, String clientSession) {
        int limit = config.stdio().maxProcesses();
        if (running.incrementAndGet() > limit) {
            running.decrementAndGet();
            return Uni.createFrom().failure(new JsonRpcException(503, initialize.get("id"), JsonRpc.INTERNAL_ERROR,
                    "upstream " + upstream.id() + ": this gateway replica already runs " + limit
                            + " stdio processes (MCP_STDIO_MAX_PROCESSES); retry", null,
                    Map.of("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS)));
        }
        String key = newKey();
        return Uni.createFrom().item(() -> {
            try {
                return StdioChild.start(upstream, key, clientSession, config.stdio().stopTimeout(), json, vertx, this::forget);
            } catch (java.io.IOException e) {
                running.decrementAndGet();
                throw new IllegalStateException("upstream " + upstream.id() + ": its command could not be started ("
                        + LogSafe.reason(e) + ")");
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(child -> {
            Held held = new Held(upstream.id(), key);
            children.put(held, child);
            if (child.closed() && children.remove(held, child)) {
                running.decrementAndGet(); // it exited before it was held: forget found nothing to remove
            }
            tick();
            return Uni.createFrom().deferred(() -> owners.claim(key, upstream.id(), config.callLease()))
                    .chain(() -> exchange(child, initialize))
                    .map(reply -> {
                        if (reply.accepted() && !reply.messages().isEmpty() && reply.messages().getLast().has("result")) {
                            return reply;
                        }
                        child.close("it refused initialize");
                        return new UpstreamReply(reply.status(), null, reply.messages());
                    })
                    .onFailure().invoke(failure -> child.close("its initialize failed: " + LogSafe.reason(failure)));
        });
    }

    /** A request is answered with what the child sent for it, then its response; anything else with 202 once written. */
    private Uni<UpstreamReply> exchange(StdioChild child, ObjectNode message) {
        JsonNode id = message.get("id");
        if (!message.has("method") || id == null || id.isNull()) {
            return Uni.createFrom().completionStage(() -> child.write(message))
                    .replaceWith(new UpstreamReply(202, child.key(), List.of()));
        }
        SharedStreamRequests.Pending waiting = child.expect(id, message.path("params").path("_meta").get("progressToken"));
        if (waiting == null) {
            return Uni.createFrom().item(LOST);
        }
        child.write(message); // a failed write stops the child, which fails the request
        return Uni.createFrom().completionStage(waiting.done)
                .map(reply -> new UpstreamReply(reply.status(), child.key(), reply.messages()));
    }

    /** A request's messages as they come (a tool that asks the client something mid-call needs that relayed first). */
    private Uni<UpstreamStream> streamed(StdioChild child, ObjectNode message) {
        JsonNode id = message.get("id");
        if (!message.has("method") || id == null || id.isNull()) {
            return exchange(child, message).map(StdioUpstream::asStream);
        }
        SharedStreamRequests.Pending waiting = child.expect(id, message.path("params").path("_meta").get("progressToken"));
        if (waiting == null) {
            return Uni.createFrom().item(asStream(LOST));
        }
        child.write(message);
        Context caller = Vertx.currentContext();
        Multi<ObjectNode> live = Multi.createFrom().publisher(waiting.live);
        return Uni.createFrom().item(new UpstreamStream(200, child.key(), (caller == null ? live
                : live.emitOn(caller::runOnContext)).map(answer -> new UpstreamMessage(null, answer))));
    }

    private static UpstreamStream asStream(UpstreamReply reply) {
        return new UpstreamStream(reply.status(), reply.sessionId(), Multi.createFrom().iterable(reply.messages())
                .map(answer -> new UpstreamMessage(null, answer)));
    }

    /**
     * A child's answers come on the caller's Vert.x context, whichever thread its stdout is read on.
     * Not for forwarded calls: Vert.x's client answers on the caller's context already, and a
     * response handed over a tick later has lost the body it had not been asked for yet.
     */
    private static <T> Uni<T> onCaller(Uni<T> work) {
        Context caller = Vertx.currentContext();
        return caller == null ? work : work.emitOn(caller::runOnContext);
    }

    private void forget(StdioChild closed) {
        if (children.remove(new Held(closed.upstream().id(), closed.key()), closed)) {
            running.decrementAndGet();
        }
        owners.release(closed.key()).subscribe().with(ignored -> { }, failure -> LOG.debugf(
                "MCP stdio: the row of a stopped child stays until its lease runs out (%s)", LogSafe.reason(failure)));
    }

    /** Leases renewed every third of the lease, idle children stopped; from the first child on. */
    private void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        long every = Math.max(100, Math.min(config.callLease().toMillis() / 3, config.stdio().idleTimeout().toMillis() / 4));
        vertx.setPeriodic(every, ignored -> {
            children.values().stream().filter(child -> child.idleFor(config.stdio().idleTimeout()))
                    .forEach(child -> child.close("idle for " + config.stdio().idleTimeout()));
            if (!children.isEmpty()) {
                owners.renew(config.callLease()).subscribe().with(ignoredRows -> { }, failure -> LOG.warnf(
                        "MCP stdio: the leases of this replica's children were not renewed (%s)", LogSafe.reason(failure)));
            }
        });
    }

    private static String newKey() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "stdio-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
