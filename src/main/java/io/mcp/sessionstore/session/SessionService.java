package io.mcp.sessionstore.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.common.ConcurrentWriteException;
import io.mcp.sessionstore.common.Ids;
import io.mcp.sessionstore.common.InvalidInputException;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.common.PreconditionFailedException;
import io.mcp.sessionstore.events.EventService;
import io.smallrye.mutiny.Uni;

/**
 * The session store's façade, the only way into sessions for the other features: ids, TTLs,
 * preconditions, merge patches, and the owner-aware operations of the MCP endpoints (a session
 * belongs to the API key that created it; another key finds nothing). Every write is one atomic
 * statement, so no method opens a transaction; PATCH is read-then-conditional-write with optimistic
 * retries on the version. Failures are domain exceptions: the edges pick statuses and codes.
 */
@ApplicationScoped
public class SessionService {

    /**
     * The statements of the session store's hot paths, by name: what a GET, an activity and a create
     * send. The benchmark's PostgreSQL baselines run exactly these (io.mcp.sessionstore.HotStatements).
     */
    public static Map<String, String> hotStatements() {
        return Map.of("FIND_LIVE", SessionSql.FIND_LIVE, "FIND_BOUND", SessionSql.FIND_BOUND,
                "RECORD_ACTIVITY", SessionSql.RECORD_ACTIVITY, "UPSERT", SessionSql.UPSERT);
    }

    static final int MAX_OPTIMISTIC_ATTEMPTS = 5;

    private final SessionRepository repository;
    private final SessionConfig config;
    private final Validator validator;
    private final ObjectMapper json;

    SessionService(SessionRepository repository, SessionConfig config, Validator validator, ObjectMapper json) {
        this.repository = repository;
        this.config = config;
        this.validator = validator;
        this.json = json;
    }

    /** A write's outcome: the session and whether this write created it. */
    public record Written(SessionView session, boolean created) {
    }

    // --- the REST API: any key sees any session ---------------------------------------------

    public Uni<SessionView> create(@Valid SessionFields fields) {
        SessionFields given = fields == null ? SessionFields.empty() : fields;
        return repository.upsert(SessionId.generate(), given, ttl(given), false)
                .onItem().ifNull().failWith(() -> new IllegalStateException("a generated session id collided"));
    }

    public Uni<Written> put(@NotNull String id, @Valid SessionFields fields, @NotNull Precondition precondition) {
        Ids.require("session id", id);
        SessionFields given = fields == null ? SessionFields.empty() : fields;
        if (precondition.ifMatchVersion() != null) {
            return repository.replaceIfVersion(id, precondition.ifMatchVersion(), given, ttl(given))
                    .onItem().ifNull().failWith(() -> new PreconditionFailedException(
                            "no live session " + id + " has version " + precondition.ifMatchVersion()))
                    .map(view -> new Written(view, false));
        }
        if (precondition.ifMatchAny()) {
            return replaceLatest(id, given, 1);
        }
        return repository.upsert(id, given, ttl(given), !precondition.ifNoneMatchAny())
                .onItem().ifNull().failWith(() -> new PreconditionFailedException(
                        "a live session already has the id " + id + " (If-None-Match: *)"))
                .map(view -> new Written(view, view.version() == 1));
    }

    public Uni<SessionView> get(String id) {
        Ids.require("session id", id);
        return repository.findLive(id).onItem().ifNull().failWith(() -> NotFoundException.session(id));
    }

    public Uni<SessionView> patch(@NotNull String id, @NotNull JsonNode patch, @NotNull Precondition precondition) {
        Ids.require("session id", id);
        if (!patch.isObject()) {
            throw new InvalidInputException("invalid-patch", "a merge patch of a session must be a JSON object");
        }
        return patchAttempt(id, patch, precondition, 1);
    }

    public Uni<ActivityResult> recordActivity(@NotNull String id, @Valid ActivityRequest activity) {
        ActivityRequest given = activity == null ? ActivityRequest.ONE_REQUEST : activity;
        return recordActivity(SessionScope.ANY, id, given.toActivity(), StreamAppend.NONE);
    }

    public Uni<Void> delete(@NotNull String id, @NotNull Precondition precondition) {
        Ids.require("session id", id);
        return repository.deleteLive(id, SessionScope.ANY, precondition.ifMatchVersion())
                .chain(deleted -> deleted != null ? Uni.createFrom().voidItem()
                        : repository.liveVersion(id).chain(version -> Uni.createFrom().<Void>failure(
                                version == null ? NotFoundException.session(id) : new PreconditionFailedException(
                                        "session " + id + " has version " + version + ", not "
                                                + precondition.ifMatchVersion()))));
    }

    public Uni<SessionPage> list(String serverId, @NotNull ListQuery query) {
        return repository.list(query.afterId(), serverId, query.state(), query.limit() + 1).map(rows -> {
            boolean more = rows.size() > query.limit();
            List<SessionView> page = more ? rows.subList(0, query.limit()) : rows;
            return new SessionPage(page, more ? ListQuery.cursorAfter(page.getLast().id()) : null);
        });
    }

    // --- the MCP endpoints: sessions of an owner --------------------------------------------

    /**
     * A new session of {@code owner} under an id from {@link SessionId#generate()}, with the request
     * that created it counted, its upstream link when it has one, and its first stream (the answer to
     * initialize) stored: one statement.
     */
    public Uni<Created> createFor(@NotNull String id, @NotNull String owner, @Valid SessionFields fields,
            UpstreamStart upstream, StreamAppend firstStream) {
        return repository.createOwned(id, owner, fields, ttl(fields), 1, upstream, firstStream)
                .map(view -> new Created(view, firstStream.messages().isEmpty() ? List.of()
                        : EventService.ids(firstStream.streamId(), firstStream.messages().size(),
                                firstStream.messages().size())));
    }

    /**
     * A new session of {@code owner} that waits for its initialize (a legacy SSE client's, opened by
     * its GET before any message): no request counted, no protocol, no upstream, no event.
     */
    public Uni<SessionView> openFor(@NotNull String id, @NotNull String owner, @Valid SessionFields fields) {
        return repository.createOwned(id, owner, fields, ttl(fields), 0, null, StreamAppend.NONE);
    }

    /**
     * The initialize of a session {@link #openFor} opened: its protocol version, capabilities, client
     * info and user agent from {@code fields}, its upstream link, the request counted and the
     * answer's stream stored, in one statement. NotFoundException when no live session of the scope
     * has the id; InvalidInputException when it is initialized already.
     */
    public Uni<Created> initializeFor(SessionScope scope, String id, SessionFields fields, UpstreamStart upstream,
            StreamAppend firstStream) {
        Ids.require("session id", id);
        return repository.initializeOwned(id, scope, fields, upstream, firstStream).chain(created -> created != null
                ? Uni.createFrom().item(created)
                : findFor(scope, id).chain(found -> Uni.createFrom().<Created>failure(new InvalidInputException(
                        "already-initialized", "session " + id + " is initialized already"))));
    }

    /**
     * The live session in the scope, as the MCP routes use it: its view without the recent tool calls
     * (null), see SessionSql.BOUND_COLUMNS. NotFoundException when there is none.
     */
    public Uni<BoundSession> findFor(SessionScope scope, String id) {
        Ids.require("session id", id);
        return repository.findBound(id, scope).onItem().ifNull().failWith(() -> NotFoundException.session(id));
    }

    /**
     * Adds the activity of one request and appends the stream it produced, in one update of the
     * session row. NotFoundException when no live session in the scope has the id.
     */
    public Uni<ActivityResult> recordActivity(SessionScope scope, String id, Activity activity, StreamAppend stream) {
        Ids.require("session id", id);
        return repository.recordActivity(id, scope, activity, toolCallsJson(activity.calls()), config.maxToolCalls(),
                stream).onItem().ifNull().failWith(() -> NotFoundException.session(id));
    }

    /**
     * Deletes the live session in the scope and its events: the upstream link it had (null: none),
     * for the caller to end that upstream session too. NotFoundException when there is none.
     */
    public Uni<UpstreamLink> deleteFor(@NotNull SessionScope scope, String id) {
        Ids.require("session id", id);
        return repository.deleteLive(id, scope, null).onItem().ifNull().failWith(() -> NotFoundException.session(id))
                .map(SessionRepository.Deleted::upstream);
    }

    /**
     * Links a gateway session to a new upstream session after the old one was lost, unless another
     * request did first: then the link it made (read back). NotFoundException when the session is gone.
     */
    /**
     * Takes the lease on re-initializing the session's upstream session of {@code generation}, lost:
     * false when another replica holds it (it moves the link soon) or the link moved already.
     */
    public Uni<Boolean> claimUpstreamReinitialize(String id, int generation, java.time.Duration lease) {
        return repository.claimReinitialize(id, generation, lease.toMillis());
    }

    /** Gives the lease up after a re-initialize that failed. */
    public Uni<Void> releaseUpstreamReinitialize(String id, int generation) {
        return repository.releaseReinitialize(id, generation);
    }

    public Uni<UpstreamLink> relinkUpstream(String id, UpstreamLink lost, byte[] sealed, String upstreamInitializeResult,
            String reason) {
        return repository.relinkUpstream(id, lost.generation(), sealed, upstreamInitializeResult, reason)
                .chain(link -> link != null ? Uni.createFrom().item(link)
                        : findFor(SessionScope.ANY, id).map(BoundSession::upstream));
    }

    /** Keeps the setup a gateway session's upstream gets again after a re-initialize (a JSON array). */
    public Uni<Void> setUpstreamSetup(String id, String setupJson) {
        return repository.setUpstreamSetup(id, setupJson);
    }


    // -----------------------------------------------------------------------------------------

    private Uni<Written> replaceLatest(String id, SessionFields fields, int attempt) {
        return repository.liveVersion(id).chain(version -> {
            if (version == null) {
                return Uni.createFrom().failure(new PreconditionFailedException(
                        "no live session has the id " + id + " (If-Match: *)"));
            }
            return repository.replaceIfVersion(id, version, fields, ttl(fields)).chain(view -> view != null
                    ? Uni.createFrom().item(new Written(view, false))
                    : retryOrConflict(attempt, () -> replaceLatest(id, fields, attempt + 1)));
        });
    }

    private Uni<SessionView> patchAttempt(String id, JsonNode patch, Precondition precondition, int attempt) {
        return repository.findLive(id).chain(current -> {
            if (current == null) {
                return Uni.createFrom().failure(NotFoundException.session(id));
            }
            if (precondition.ifMatchVersion() != null && precondition.ifMatchVersion() != current.version()) {
                return Uni.createFrom().failure(new PreconditionFailedException("session " + id
                        + " has version " + current.version() + ", not " + precondition.ifMatchVersion()));
            }
            SessionFields patched = validated(MergePatch.apply(mutableFields(current), patch));
            return repository.replaceIfVersion(id, current.version(), patched, ttl(patched)).chain(updated -> {
                if (updated != null) {
                    return Uni.createFrom().item(updated);
                }
                if (precondition.ifMatchVersion() != null) {
                    return Uni.createFrom().failure(new PreconditionFailedException(
                            "session " + id + " changed after version " + precondition.ifMatchVersion()));
                }
                return retryOrConflict(attempt, () -> patchAttempt(id, patch, precondition, attempt + 1));
            });
        });
    }

    private static <T> Uni<T> retryOrConflict(int attempt, Supplier<Uni<T>> retry) {
        if (attempt < MAX_OPTIMISTIC_ATTEMPTS) {
            return retry.get();
        }
        return Uni.createFrom().failure(new ConcurrentWriteException(
                "the session kept changing while this write was applied; retry it"));
    }

    /** The mutable fields of a session as a JSON object: what a merge patch applies to. */
    private ObjectNode mutableFields(SessionView view) {
        ObjectNode node = json.createObjectNode();
        node.put("serverId", view.serverId()).put("userAgent", view.userAgent())
                .put("clientTransport", view.clientTransport()).put("upstreamTransport", view.upstreamTransport())
                .put("protocolVersion", view.protocolVersion()).put("initialized", view.initialized())
                .put("ttlSeconds", view.ttlSeconds());
        node.set("capabilities", parse(view.capabilities()));
        node.set("clientInfo", parse(view.clientInfo()));
        node.set("attributes", parse(view.attributes()));
        node.properties().removeIf(member -> member.getValue().isNull());
        return node;
    }

    private JsonNode parse(String storedJson) {
        try {
            return json.readTree(storedJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON column holds invalid JSON", e);
        }
    }

    private SessionFields validated(JsonNode merged) {
        SessionFields fields;
        try {
            fields = json.treeToValue(merged, SessionFields.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("validation", e.getOriginalMessage(), List.of(), e);
        }
        Set<ConstraintViolation<SessionFields>> violations = validator.validate(fields);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return fields;
    }

    private String toolCallsJson(List<ToolCall> calls) {
        ArrayNode array = json.createArrayNode();
        for (ToolCall call : calls) {
            ObjectNode node = array.addObject().put("name", call.name());
            if (call.durationMs() != null) {
                node.put("durationMs", call.durationMs());
            }
            node.put("ok", call.ok());
        }
        return array.toString();
    }

    private int ttl(SessionFields fields) {
        return fields.ttlSeconds() != null ? fields.ttlSeconds() : config.ttl();
    }
}
