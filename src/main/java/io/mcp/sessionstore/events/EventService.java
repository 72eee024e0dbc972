package io.mcp.sessionstore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.common.EventsTrimmedException;
import io.mcp.sessionstore.common.Ids;
import io.mcp.sessionstore.common.InvalidInputException;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.common.TooLargeException;
import io.mcp.sessionstore.db.Database;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The event store's façade: appends and replays of a session's streams, the encoding a statement of
 * the session store uses to append in the same statement as its activity, and the removal of the
 * events of deleted sessions. Replay never crosses streams: an {@code after} id names its stream,
 * and only that stream's later events come back. A trimmed {@code after} fails as
 * {@link EventsTrimmedException}, so a caller knows its replay would be incomplete rather than
 * silently missing events.
 */
@ApplicationScoped
public class EventService {

    /** The event store's hot statement, by name: an append (see SessionService.hotStatements). */
    public static Map<String, String> hotStatements() {
        return Map.of("APPEND", EventSql.APPEND);
    }

    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    public static final int MAX_PAGE = 1000;
    static final String DELETE_OF_SESSIONS = "DELETE FROM session_events WHERE session_id = ANY ($1::varchar[])";

    private final EventRepository repository;
    private final EventsConfig config;
    private final Database database;
    private final StreamWakeups wakeups;

    EventService(EventRepository repository, EventsConfig config, Database database, StreamWakeups wakeups) {
        this.repository = repository;
        this.config = config;
        this.database = database;
        this.wakeups = wakeups;
    }

    /** Appends the messages to one stream in order; the ids of the new events, in that order. */
    public Uni<List<String>> append(String sessionId, String streamId, List<EventMessage> messages) {
        Ids.require("session id", sessionId);
        Ids.require("stream id", streamId);
        EncodedEvents encoded = encode(messages);
        return repository.append(sessionId, streamId, encoded, config.maxPerSession()).map(lastSeq -> {
            if (lastSeq == null) {
                throw NotFoundException.session(sessionId);
            }
            wakeups.wake(sessionId);
            return ids(streamId, lastSeq, messages.size());
        });
    }

    /**
     * Checks and encodes messages for a statement that appends them ({@link EventSql#insertAndTrimAfter}):
     * at most MAX_EVENTS_PER_SESSION at once, none over {@link #MAX_MESSAGE_BYTES}.
     */
    public EncodedEvents encode(List<EventMessage> messages) {
        if (messages.size() > config.maxPerSession()) {
            throw new InvalidInputException("invalid-append", "at most " + config.maxPerSession()
                    + " messages per append (MAX_EVENTS_PER_SESSION)");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).size() > MAX_MESSAGE_BYTES) {
                throw new TooLargeException("message " + (i + 1) + " is over " + MAX_MESSAGE_BYTES
                        + " bytes, the most one event holds");
            }
        }
        return EncodedEvents.of(messages, config.compression());
    }

    /** The cap an appending statement binds as :cap. */
    public int maxPerSession() {
        return config.maxPerSession();
    }

    /** The ids of {@code count} events of one stream whose last sequence number is {@code lastSeq}. */
    public static List<String> ids(String streamId, long lastSeq, int count) {
        List<String> ids = new ArrayList<>(count);
        for (long seq = lastSeq - count + 1; seq <= lastSeq; seq++) {
            ids.add(EventId.format(seq, streamId));
        }
        return ids;
    }

    /** The events of the stream of {@code after}, strictly after it. */
    public Uni<EventPage> replayAfter(String sessionId, String after, int limit) {
        Ids.require("session id", sessionId);
        if (after == null || after.isBlank()) {
            throw new InvalidInputException("invalid-query", "after (an event id) is required");
        }
        EventId afterId = EventId.parse(after.trim());
        if (afterId == null) {
            throw eventNotFound(sessionId, after);
        }
        return read(sessionId, afterId.streamId(), afterId, limit);
    }

    /** The events of one stream, from its start or after one of its events. */
    public Uni<EventPage> readStream(String sessionId, String streamId, String after, int limit) {
        Ids.require("session id", sessionId);
        Ids.require("stream id", streamId);
        EventId afterId = null;
        if (after != null && !after.isBlank()) {
            afterId = EventId.parse(after.trim());
            if (afterId == null || !afterId.streamId().equals(streamId)) {
                throw eventNotFound(sessionId, after);
            }
        }
        return read(sessionId, streamId, afterId, limit);
    }

    private Uni<EventPage> read(String sessionId, String streamId, EventId after, int limit) {
        long afterSeq = after == null ? 0 : after.seq();
        return repository.replayState(sessionId, afterSeq).chain(state -> {
            if (state == null) {
                return Uni.createFrom().failure(NotFoundException.session(sessionId));
            }
            if (after != null) {
                if (state.afterStream() == null && after.seq() <= state.trimmedThrough()) {
                    return Uni.createFrom().failure(trimmed("event " + after));
                }
                if (!streamId.equals(state.afterStream())) {
                    return Uni.createFrom().failure(eventNotFound(sessionId, after.toString()));
                }
            }
            return repository.eventsAfter(sessionId, streamId, afterSeq, limit).map(stored -> new EventPage(streamId,
                    stored.stream().map(event -> new EventPage.Event(EventId.format(event.seq(), streamId),
                            text(EventCodec.decode(event.message(), event.compressed())), event.createdAt()))
                            .toList()));
        });
    }

    /**
     * The events of all the session's streams after {@code after} (null: from the session's first),
     * in the order they were stored, each with its own id: what a legacy SSE client's one stream
     * carries. Fails like {@link #replayAfter} when {@code after} is unknown or was trimmed.
     */
    public Uni<List<ServerSentEvents.Event>> replaySessionAfter(String sessionId, EventId after, int limit) {
        Ids.require("session id", sessionId);
        long afterSeq = after == null ? 0 : after.seq();
        return repository.replayState(sessionId, afterSeq).chain(state -> {
            if (state == null) {
                return Uni.createFrom().failure(NotFoundException.session(sessionId));
            }
            if (after != null && (state.afterStream() == null || !after.streamId().equals(state.afterStream()))) {
                return Uni.createFrom().failure(state.afterStream() == null && after.seq() <= state.trimmedThrough()
                        ? trimmed(after.toString()) : eventNotFound(sessionId, after.toString()));
            }
            if (after == null && state.trimmedThrough() > 0) {
                return Uni.createFrom().failure(trimmed("the first event"));
            }
            return repository.sessionEventsAfter(sessionId, afterSeq, limit).map(stored -> stored.stream()
                    .map(event -> new ServerSentEvents.Event(EventId.format(event.seq(), event.streamId()),
                            EventCodec.decode(event.message(), event.compressed())))
                    .toList());
        });
    }

    /**
     * Wakes whoever follows the session's streams, here and (NOTIFY) on the other replicas: for events
     * a statement of the session store appended with a request's activity, which notifies no one.
     */
    public Uni<Void> announce(String sessionId) {
        wakeups.wake(sessionId);
        return repository.notifyFollowers(sessionId);
    }

    /** A session's newest events across its streams (without their messages), newest first. */
    @RegisterForReflection
    public record RecentEvent(String id, String streamId, Long storedBytes, Instant createdAt) {
    }

    public Uni<List<RecentEvent>> recent(String sessionId, int limit) {
        Ids.require("session id", sessionId);
        return database.call(repository.recent(sessionId, limit)).map(rows -> rows.stream()
                .map(row -> new RecentEvent(EventId.format(row.seq, row.streamId), row.streamId,
                        row.message == null ? null : (long) row.message.length, row.createdAt))
                .toList());
    }

    /**
     * Deletes the events of sessions that the same transaction has just deleted. It must be a
     * statement of its own, after the one that deleted the sessions: an append that held a session's
     * row lock until just before has committed its events by then, and this statement's snapshot sees
     * them; once the row is gone no append can add more (appends update the live row first).
     */
    public static Uni<Void> deleteOf(SqlConnection connection, String... sessionIds) {
        if (sessionIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(DELETE_OF_SESSIONS).execute(Tuple.of(sessionIds))
                .replaceWithVoid();
    }

    private static String text(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    private EventsTrimmedException trimmed(String what) {
        return new EventsTrimmedException(what + " and older events of this session were dropped (at most "
                + config.maxPerSession() + " are kept): replay from it would be incomplete");
    }

    private static NotFoundException eventNotFound(String sessionId, String after) {
        return new NotFoundException("session " + sessionId + " has no event " + after);
    }
}
