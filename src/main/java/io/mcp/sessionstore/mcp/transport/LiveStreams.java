package io.mcp.sessionstore.mcp.transport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.EventsTrimmedException;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.events.EventService;
import io.mcp.sessionstore.events.ServerSentEvents;
import io.mcp.sessionstore.events.StreamFollower;
import io.mcp.sessionstore.session.BoundSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Streams still being written while they are sent: a request's continuation written by its handler,
 * a GET's standalone stream relayed by it, and a client resuming either with Last-Event-ID, which
 * follows the stored stream up to its response (here or on any other replica).
 */
final class LiveStreams {

    private static final Logger LOG = Logger.getLogger(LiveStreams.class);

    private final EventService events;
    private final StreamFollower follower;
    private final StreamWriter streams;
    private final ObjectMapper json;
    private final long retryMillis;
    /** The streams this replica is writing ("session/stream"): a GET resuming one follows it. */
    private final Set<String> continuing = ConcurrentHashMap.newKeySet();

    LiveStreams(EventService events, StreamFollower follower, StreamWriter streams, ObjectMapper json, long retryMillis) {
        this.events = events;
        this.follower = follower;
        this.streams = streams;
        this.json = json;
        this.retryMillis = retryMillis;
    }

    /** A request's stream, its start already stored: sent, then each later event as it is stored, up to the response. */
    Response followed(String sessionId, String streamId, List<ServerSentEvents.Event> first) {
        // a stream may start empty: a call gone quiet before anything came, for a client not primed
        return McpResponses.live(first, first.isEmpty() ? follower.followFromStart(sessionId, streamId, this::isResponse)
                : follower.follow(sessionId, first.getLast().id(), this::isResponse), retryMillis);
    }

    /**
     * The continuation of a request's stream, written by the handler into the stored stream in the
     * background (a client that goes away does not stop it): followed here, and on any replica.
     */
    void continueStream(String sessionId, StreamWriter.Stream stream, McpHandler.Continuation continuation) {
        String streamId = stream.append().streamId();
        String key = sessionId + "/" + streamId;
        continuing.add(key);
        Uni.createFrom().deferred(() -> continuation.run(sink(sessionId, streamId)))
                .eventually(() -> {
                    continuing.remove(key);
                })
                .subscribe().with(ignored -> { }, failure -> LogFields.log(LOG, Logger.Level.INFO, sessionId, null,
                        "MCP stream %s of session %s ended before its response: %s", streamId,
                        LogSafe.fingerprint(sessionId), LogSafe.reason(failure)));
    }

    StreamSink sink(String sessionId, String streamId) {
        return new StreamSink(sessionId, streamId, events, streams);
    }

    /**
     * GET with Last-Event-ID: the rest of that stream, from the event store, on any replica; one
     * still being written (here, or by the replica the handler names) is followed up to its response.
     */
    Uni<Response> resume(BoundSession session, String lastEventId, McpHandler handler) {
        String sessionId = session.id();
        return events.replayAfter(sessionId, lastEventId, EventService.MAX_PAGE)
                .chain(page -> {
                    List<ServerSentEvents.Event> first = page.toServerSentEvents();
                    McpHandler.Continuation relay = StreamWriter.isStandalone(page.streamId())
                            && !continuing.contains(sessionId + "/" + page.streamId()) ? handler.standalone(session) : null;
                    if (relay != null) {
                        return Uni.createFrom().item(McpResponses.live(first, whileRelaying(sessionId, page.streamId(),
                                relay, first.isEmpty() ? lastEventId : first.getLast().id()), retryMillis));
                    }
                    boolean ended = first.stream().anyMatch(event -> event.data() != null && isResponse(event.data()));
                    String streamId = page.streamId();
                    Uni<Boolean> open = ended ? Uni.createFrom().item(false)
                            : continuing.contains(sessionId + "/" + streamId) ? Uni.createFrom().item(true)
                            : handler.continuing(sessionId, streamId);
                    return open.map(following -> following
                            ? McpResponses.live(first, follower.follow(sessionId, first.isEmpty() ? lastEventId
                                    : first.getLast().id(), this::isResponse), retryMillis)
                            : McpResponses.stream(first, retryMillis, null));
                })
                .onFailure(EventsTrimmedException.class).recoverWithItem(failure -> McpResponses.json(410,
                        JsonRpc.error(null, JsonRpc.INVALID_REQUEST, failure.getMessage())))
                .onFailure(NotFoundException.class).recoverWithItem(failure -> McpResponses.json(400,
                        JsonRpc.error(null, JsonRpc.INVALID_REQUEST, failure.getMessage())));
    }

    /** Whether a stored message is a JSON-RPC response: the last event of a request's stream. */
    private boolean isResponse(byte[] data) {
        try {
            JsonNode message = json.readTree(data);
            return message != null && message.has("id") && !message.has("method")
                    && (message.has("result") || message.has("error"));
        } catch (java.io.IOException notJson) {
            return false;
        }
    }

    /**
     * GET without Last-Event-ID: a stream for server-initiated messages, primed; followed while the
     * handler relays into it, or else closed (the client polls).
     */
    Uni<Response> openStandalone(BoundSession session, McpHandler handler) {
        if (!McpProtocol.primesStreams(session.view().protocolVersion())) {
            return Uni.createFrom().item(McpResponses.methodNotAllowed(
                    "no standalone stream before protocol 2025-11-25: responses come on POST"));
        }
        StreamWriter.Stream stream = streams.openStandalone(session.view().protocolVersion());
        McpHandler.Continuation relay = handler.standalone(session);
        return events.append(session.id(), stream.append().streamId(), stream.append().messages()).map(ids -> {
            if (relay == null) {
                return stream.render(ids, retryMillis, null);
            }
            List<ServerSentEvents.Event> first = stream.events(ids);
            return McpResponses.live(first, whileRelaying(session.id(), stream.append().streamId(), relay,
                    first.getLast().id()), retryMillis);
        });
    }

    /**
     * A standalone stream followed while the handler's relay writes it: the relay runs as long as the
     * client reads (up to MCP_STREAM_FOLLOW_MAX, then the client resumes and it runs again).
     */
    private Multi<ServerSentEvents.Event> whileRelaying(String sessionId, String streamId, McpHandler.Continuation relay,
            String after) {
        return Multi.createFrom().deferred(() -> {
            String key = sessionId + "/" + streamId;
            continuing.add(key);
            Cancellable running = Uni.createFrom().deferred(() -> relay.run(sink(sessionId, streamId))).subscribe().with(
                    ignored -> { }, failure -> LogFields.log(LOG, Logger.Level.INFO, sessionId, null,
                            "MCP standalone stream %s of session %s: its relay ended: %s", streamId,
                            LogSafe.fingerprint(sessionId), LogSafe.reason(failure)));
            return follower.follow(sessionId, after, data -> false).onTermination().invoke(() -> {
                running.cancel();
                continuing.remove(key);
            });
        });
    }
}
