package io.mcp.sessionstore.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.problem.Problem;
import io.mcp.sessionstore.problem.ProblemException;
import io.mcp.sessionstore.session.SessionId;
import io.mcp.sessionstore.session.SqlValues;
import io.smallrye.mutiny.Uni;

/**
 * Appends and replays. Replay never crosses streams: an {@code after} id names its stream, and
 * only that stream's later events come back. A trimmed {@code after} is 410, so a caller knows its
 * replay would be incomplete rather than silently missing events.
 */
@ApplicationScoped
public class EventService {

    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    public static final int MAX_PAGE = 1000;

    private final EventRepository repository;
    private final EventsConfig config;
    private final ObjectMapper json;

    public EventService(EventRepository repository, EventsConfig config, ObjectMapper json) {
        this.repository = repository;
        this.config = config;
        this.json = json;
    }

    public Uni<AppendResult> append(String sessionId, String streamId, AppendRequest request) {
        requireValidId(sessionId, "session id");
        requireValidId(streamId, "stream id");
        List<String> messages = messagesOf(request);
        ArrayNode stored = json.createArrayNode();
        for (String message : messages) {
            EventCodec.Stored encoded = EventCodec.encode(message, config.compression());
            ObjectNode item = stored.addObject();
            item.put("data", encoded.bytes() == null ? null : Base64.getEncoder().encodeToString(encoded.bytes()));
            item.put("compressed", encoded.compressed());
        }
        return repository.append(sessionId, streamId, messages.size(), config.maxPerSession(), stored.toString())
                .map(seqs -> {
                    if (seqs.isEmpty()) {
                        throw sessionNotFound(sessionId);
                    }
                    return new AppendResult(streamId, seqs.stream().map(seq -> EventId.format(seq, streamId)).toList());
                });
    }

    /** The events of the stream of {@code after}, strictly after it. */
    public Uni<EventPage> replayAfter(String sessionId, String after, String limit) {
        requireValidId(sessionId, "session id");
        if (after == null || after.isBlank()) {
            throw ProblemException.badRequest("invalid-query", "after (an event id) is required");
        }
        EventId afterId = EventId.parse(after.trim());
        if (afterId == null) {
            throw eventNotFound(sessionId, after);
        }
        return read(sessionId, afterId.streamId(), afterId, parseLimit(limit));
    }

    /** The events of one stream, from its start or after one of its events. */
    public Uni<EventPage> readStream(String sessionId, String streamId, String after, String limit) {
        requireValidId(sessionId, "session id");
        requireValidId(streamId, "stream id");
        EventId afterId = null;
        if (after != null && !after.isBlank()) {
            afterId = EventId.parse(after.trim());
            if (afterId == null || !afterId.streamId().equals(streamId)) {
                throw eventNotFound(sessionId, after);
            }
        }
        return read(sessionId, streamId, afterId, parseLimit(limit));
    }

    private Uni<EventPage> read(String sessionId, String streamId, EventId after, int limit) {
        long afterSeq = after == null ? 0 : after.seq();
        return repository.replayState(sessionId, afterSeq).chain(state -> {
            if (state == null) {
                return Uni.createFrom().failure(sessionNotFound(sessionId));
            }
            if (after != null) {
                long trimmedThrough = state.trimmedThrough();
                String afterStream = state.afterStream();
                if (afterStream == null && after.seq() <= trimmedThrough) {
                    return Uni.createFrom().failure(new ProblemException(Problem.of(410, "events-trimmed", "Gone",
                            "event " + after + " and older events of this session were dropped (at most "
                                    + config.maxPerSession() + " are kept): replay from it would be incomplete")));
                }
                if (!streamId.equals(afterStream)) {
                    return Uni.createFrom().failure(eventNotFound(sessionId, after.toString()));
                }
            }
            return repository.eventsAfter(sessionId, streamId, afterSeq, limit)
                    .map(stored -> new EventPage(streamId, stored.stream().map(event -> event(event, streamId)).toList()));
        });
    }

    /** A session's newest events across its streams (without their messages), newest first. */
    public record RecentEvent(String id, String streamId, Long storedBytes, java.time.Instant createdAt) {
    }

    public Uni<List<RecentEvent>> recent(String sessionId, int limit) {
        return repository.recent(sessionId, limit).map(rows -> rows.stream().map(row -> {
            String streamId = (String) row[1];
            return new RecentEvent(EventId.format(SqlValues.longValue(row[0]), streamId), streamId,
                    row[2] == null ? null : SqlValues.longValue(row[2]), SqlValues.instant(row[3]));
        }).toList());
    }

    private static EventPage.Event event(EventRepository.StoredEvent stored, String streamId) {
        return new EventPage.Event(EventId.format(stored.seq(), streamId),
                EventCodec.decode(stored.message(), stored.compressed()), stored.createdAt());
    }

    private List<String> messagesOf(AppendRequest request) {
        if (request == null || (request.message() == null) == (request.messages() == null)) {
            throw ProblemException.badRequest("invalid-append", "send either \"message\" or \"messages\"");
        }
        List<JsonNode> nodes = request.message() != null ? List.of(request.message()) : request.messages();
        if (nodes.isEmpty()) {
            throw ProblemException.badRequest("invalid-append", "\"messages\" must not be empty");
        }
        if (nodes.size() > config.maxPerSession()) {
            throw ProblemException.badRequest("invalid-append", "at most " + config.maxPerSession()
                    + " messages per append (MAX_EVENTS_PER_SESSION)");
        }
        List<String> messages = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String text = node == null || node.isNull() ? null : node.toString();
            if (text != null && text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                throw new ProblemException(Problem.of(413, "payload-too-large", "Content Too Large",
                        "message " + (i + 1) + " is over " + MAX_MESSAGE_BYTES + " bytes, the most one event holds"));
            }
            messages.add(text);
        }
        return messages;
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return MAX_PAGE;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_PAGE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("invalid-query", "limit must be between 1 and " + MAX_PAGE);
    }

    private static void requireValidId(String id, String what) {
        String problem = SessionId.problemWith(id);
        if (problem != null) {
            throw ProblemException.badRequest("invalid-" + what.replace(' ', '-'),
                    what + ": " + problem.replace("a session id", "it"));
        }
    }

    private static ProblemException sessionNotFound(String sessionId) {
        return ProblemException.notFound("no live session has the id " + sessionId);
    }

    private static ProblemException eventNotFound(String sessionId, String after) {
        return ProblemException.notFound("session " + sessionId + " has no event " + after);
    }
}
