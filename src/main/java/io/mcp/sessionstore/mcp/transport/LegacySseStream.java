package io.mcp.sessionstore.mcp.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.db.DatabaseFailures;
import io.mcp.sessionstore.events.EventId;
import io.mcp.sessionstore.events.ServerSentEvents;
import io.mcp.sessionstore.events.StreamFollower;
import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.StreamAppend;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One GET of a legacy SSE client, for as long as its connection lasts: the endpoint event, what the
 * client missed, then every event of its session as it is stored, by any replica. While it is open
 * the session is kept alive (a client with its stream open has not gone), a quiet stream gets a
 * comment now and then, and the handler's standalone relay (the upstream's messages outside any
 * request) writes into the session once it is initialized.
 */
final class LegacySseStream {

    private static final Logger LOG = Logger.getLogger(LegacySseStream.class);
    private static final byte[] KEEPALIVE = ServerSentEvents.comment("keepalive");
    private static final java.time.Duration DATABASE_BACKOFF = java.time.Duration.ofSeconds(1);
    private static final java.time.Duration DATABASE_BACKOFF_MAX = java.time.Duration.ofSeconds(10);

    private final BoundSession opened;
    private final McpHandler handler;
    private final SessionService sessions;
    private final McpTransport transport;
    private final long keepaliveNanos;
    /** A quarter of the session's TTL: the session never comes near its expiry while the stream is open. */
    private final long touchNanos;
    private long lastSent = System.nanoTime();
    private long lastTouch = System.nanoTime();
    private boolean relayStarted;
    private boolean ended;
    private Cancellable relay;

    LegacySseStream(BoundSession opened, McpHandler handler, SessionService sessions, McpTransport transport,
            java.time.Duration keepalive) {
        this.opened = opened;
        this.handler = handler;
        this.sessions = sessions;
        this.transport = transport;
        this.keepaliveNanos = keepalive.toNanos();
        this.touchNanos = opened.view().ttlSeconds() * 250_000_000L;
    }

    /**
     * The stream from {@code position}: its endpoint event (with that id again, so that a client cut
     * off before anything newer comes back to the same place), {@code missed}, then what follows.
     */
    Multi<byte[]> body(LegacyEventId position, List<ServerSentEvents.Event> missed, String endpoint,
            StreamFollower follower, long retryMillis) {
        String sessionId = opened.id();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(ServerSentEvents.writeNamed("endpoint", position.toString(),
                endpoint.getBytes(StandardCharsets.UTF_8), retryMillis));
        messages(missed).forEach(first::writeBytes);
        EventId after = missed.isEmpty() ? position.event() : EventId.parse(missed.getLast().id());
        // a database away for a while does not end the stream: a client told 503 on its reconnect
        // would give up (an EventSource does on any status but 200), so the follow waits it out
        Multi<byte[]> live = follower.followSession(sessionId, after)
                .onFailure(DatabaseFailures::isUnavailable).invoke(failure -> LogFields.log(LOG, Logger.Level.INFO, sessionId, null,
                        "MCP legacy SSE stream of session %s waits for the database: %s", LogSafe.fingerprint(sessionId),
                        LogSafe.reason(failure)))
                .onFailure(DatabaseFailures::isUnavailable).retry().withBackOff(DATABASE_BACKOFF, DATABASE_BACKOFF_MAX)
                .indefinitely()
                .onItem().transformToUniAndConcatenate(this::take)
                .onItem().transformToIterable(chunks -> chunks);
        return Multi.createFrom().item(first.toByteArray()).onCompletion().switchTo(live)
                .onSubscription().invoke(() -> startRelay(opened))
                .onFailure().invoke(failure -> LogFields.log(LOG, Logger.Level.INFO, sessionId, null,
                        "MCP legacy SSE stream of session %s ended: %s", LogSafe.fingerprint(sessionId), LogSafe.reason(failure)))
                .onFailure().recoverWithCompletion()
                .onTermination().invoke(this::end);
    }

    /** One page the follower read: its messages, or a comment when the stream was quiet too long. */
    private Uni<List<byte[]>> take(List<ServerSentEvents.Event> page) {
        long now = System.nanoTime();
        List<byte[]> chunks = messages(page);
        Uni<Void> work = Uni.createFrom().voidItem();
        if (!page.isEmpty() && !relayStarted()) {
            work = sessions.findFor(SessionScope.ANY, opened.id()).invoke(this::startRelay).replaceWithVoid();
        }
        if (now - lastTouch >= touchNanos) {
            lastTouch = now;
            work = work.chain(() -> sessions.recordActivity(SessionScope.ANY, opened.id(), Activity.none(),
                    StreamAppend.NONE).replaceWithVoid());
        }
        if (chunks.isEmpty() && now - lastSent >= keepaliveNanos) {
            chunks = List.of(KEEPALIVE);
        }
        if (!chunks.isEmpty()) {
            lastSent = now;
        }
        List<byte[]> sent = chunks;
        // a session gone or a database away: the follower meets it on its next read and ends the stream
        return work.onFailure().recoverWithNull().replaceWith(sent);
    }

    /** The stored messages as message events (a priming event carries none: skipped). */
    private List<byte[]> messages(List<ServerSentEvents.Event> events) {
        List<byte[]> out = new ArrayList<>(events.size());
        for (ServerSentEvents.Event event : events) {
            if (event.data() != null) {
                out.add(ServerSentEvents.writeNamed("message", LegacyEventId.of(opened.id(), event.id()), event.data(),
                        null));
            }
        }
        return out;
    }

    private synchronized boolean relayStarted() {
        return relayStarted;
    }

    /** The standalone relay, once the session is initialized (its upstream link is made by initialize). */
    private synchronized void startRelay(BoundSession session) {
        if (relayStarted || ended || session.view().protocolVersion() == null) {
            return;
        }
        relayStarted = true;
        McpHandler.Continuation standalone = handler.standalone(session);
        if (standalone == null) {
            return;
        }
        StreamSink sink = transport.sink(session.id(), StreamWriter.newStandaloneId());
        relay = Uni.createFrom().deferred(() -> standalone.run(sink)).subscribe().with(ignored -> { },
                failure -> LogFields.log(LOG, Logger.Level.INFO, session.id(), null,
                        "MCP legacy SSE stream of session %s: its standalone relay ended: %s",
                        LogSafe.fingerprint(session.id()), LogSafe.reason(failure)));
    }

    private synchronized void end() {
        LogFields.log(LOG, Logger.Level.DEBUG, opened.id(), null, "MCP legacy SSE stream of session %s closed",
                LogSafe.fingerprint(opened.id()));
        ended = true;
        if (relay != null) {
            relay.cancel();
        }
    }
}
