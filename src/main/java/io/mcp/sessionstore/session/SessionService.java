package io.mcp.sessionstore.session;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The session store's rules: ids, TTLs, preconditions, merge patches. Every write is one atomic
 * statement, so no method opens a transaction; PATCH is read-then-conditional-write with optimistic
 * retries on the version.
 */
@ApplicationScoped
public class SessionService {

    static final int MAX_OPTIMISTIC_ATTEMPTS = 5;

    private final SessionRepository repository;
    private final SessionMapper mapper;
    private final SessionConfig config;
    private final Validator validator;

    public SessionService(SessionRepository repository, SessionMapper mapper, SessionConfig config,
            Validator validator) {
        this.repository = repository;
        this.mapper = mapper;
        this.config = config;
        this.validator = validator;
    }

    /** A write's outcome: the session and whether this write created it. */
    public record Written(SessionView session, boolean created) {
    }

    public Uni<SessionView> create(@Valid SessionFields fields) {
        SessionFields given = fields == null ? SessionFields.empty() : fields;
        return repository.upsert(SessionId.generate(), given, ttl(given), false)
                .onItem().ifNull().failWith(() -> new IllegalStateException("a generated session id collided"))
                .map(mapper::toView);
    }

    public Uni<Written> put(@NotNull String id, @Valid SessionFields fields, @NotNull Precondition precondition) {
        requireValidId(id);
        SessionFields given = fields == null ? SessionFields.empty() : fields;
        if (precondition.ifMatchVersion() != null) {
            return repository.replaceIfVersion(id, precondition.ifMatchVersion(), given, ttl(given))
                    .onItem().ifNull().failWith(() -> ProblemException.preconditionFailed(
                            "no live session " + id + " has version " + precondition.ifMatchVersion()))
                    .map(row -> new Written(mapper.toView(row), false));
        }
        if (precondition.ifMatchAny()) {
            return replaceLatest(id, given, 1);
        }
        return repository.upsert(id, given, ttl(given), !precondition.ifNoneMatchAny())
                .onItem().ifNull().failWith(() -> ProblemException.preconditionFailed(
                        "a live session already has the id " + id + " (If-None-Match: *)"))
                .map(row -> new Written(mapper.toView(row), row.version == 1));
    }

    public Uni<SessionView> get(String id) {
        requireValidId(id);
        return repository.findLive(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(mapper::toView);
    }

    public Uni<SessionView> patch(@NotNull String id, @NotNull JsonNode patch, @NotNull Precondition precondition) {
        requireValidId(id);
        if (!patch.isObject()) {
            throw ProblemException.badRequest("invalid-patch", "a merge patch of a session must be a JSON object");
        }
        return patchAttempt(id, patch, precondition, 1);
    }

    public Uni<ActivityResult> recordActivity(@NotNull String id, @Valid ActivityRequest activity) {
        requireValidId(id);
        ActivityRequest given = activity == null ? ActivityRequest.ONE_REQUEST : activity;
        return repository.recordActivity(id, given, mapper.toolCallJson(given.toolCall()), config.maxToolCalls())
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    public Uni<Void> delete(@NotNull String id, @NotNull Precondition precondition) {
        requireValidId(id);
        return repository.deleteLive(id, precondition.ifMatchVersion())
                .chain(deleted -> deleted != null ? Uni.createFrom().voidItem()
                        : repository.liveVersion(id).chain(version -> Uni.createFrom().<Void>failure(
                                version == null ? notFound(id) : ProblemException.preconditionFailed("session "
                                        + id + " has version " + version + ", not " + precondition.ifMatchVersion()))));
    }

    public Uni<SessionPage> list(String serverId, @NotNull ListQuery query) {
        return repository.list(query.afterId(), serverId, query.state(), query.limit() + 1)
                .map(rows -> {
                    boolean more = rows.size() > query.limit();
                    List<SessionEntity> page = more ? rows.subList(0, query.limit()) : rows;
                    String next = more ? ListQuery.cursorAfter(page.getLast().id) : null;
                    return new SessionPage(page.stream().map(mapper::toView).toList(), next);
                });
    }

    private Uni<Written> replaceLatest(String id, SessionFields fields, int attempt) {
        return repository.liveVersion(id).chain(version -> {
            if (version == null) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed(
                        "no live session has the id " + id + " (If-Match: *)"));
            }
            return repository.replaceIfVersion(id, version, fields, ttl(fields)).chain(row -> row != null
                    ? Uni.createFrom().item(new Written(mapper.toView(row), false))
                    : retryOrConflict(attempt, () -> replaceLatest(id, fields, attempt + 1)));
        });
    }

    private Uni<SessionView> patchAttempt(String id, JsonNode patch, Precondition precondition, int attempt) {
        return repository.findLive(id).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            if (precondition.ifMatchVersion() != null && precondition.ifMatchVersion() != row.version) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed("session " + id
                        + " has version " + row.version + ", not " + precondition.ifMatchVersion()));
            }
            SessionFields patched = validated(MergePatch.apply(mapper.mutableFields(row), patch));
            return repository.replaceIfVersion(id, row.version, patched, ttl(patched)).chain(updated -> {
                if (updated != null) {
                    return Uni.createFrom().item(mapper.toView(updated));
                }
                if (precondition.ifMatchVersion() != null) {
                    return Uni.createFrom().failure(ProblemException.preconditionFailed(
                            "session " + id + " changed after version " + precondition.ifMatchVersion()));
                }
                return retryOrConflict(attempt, () -> patchAttempt(id, patch, precondition, attempt + 1));
            });
        });
    }

    private static <T> Uni<T> retryOrConflict(int attempt, java.util.function.Supplier<Uni<T>> retry) {
        if (attempt < MAX_OPTIMISTIC_ATTEMPTS) {
            return retry.get();
        }
        return Uni.createFrom().failure(new ProblemException(io.mcp.sessionstore.problem.Problem.of(409,
                "concurrent-modification", "Conflict",
                "the session kept changing while this write was applied; retry it")));
    }

    private SessionFields validated(JsonNode merged) {
        SessionFields fields;
        try {
            fields = mapper.fields(merged);
        } catch (JsonProcessingException e) {
            throw new InvalidPatchException(e);
        }
        Set<ConstraintViolation<SessionFields>> violations = validator.validate(fields);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return fields;
    }

    public int defaultTtl() {
        return config.ttl();
    }

    private int ttl(SessionFields fields) {
        return fields.ttlSeconds() != null ? fields.ttlSeconds() : config.ttl();
    }

    private static void requireValidId(String id) {
        String problem = SessionId.problemWith(id);
        if (problem != null) {
            throw ProblemException.badRequest("invalid-session-id", problem);
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no live session has the id " + id);
    }

    /** A merge patch produced fields Jackson rejects; carries Jackson's exception for the 400. */
    public static class InvalidPatchException extends RuntimeException {
        public InvalidPatchException(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause);
        }
    }
}
