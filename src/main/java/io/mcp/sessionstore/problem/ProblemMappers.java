package io.mcp.sessionstore.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.mcp.sessionstore.common.ConcurrentWriteException;
import io.mcp.sessionstore.common.EventsTrimmedException;
import io.mcp.sessionstore.common.InvalidInputException;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.common.PreconditionFailedException;
import io.mcp.sessionstore.common.StoreException;
import io.mcp.sessionstore.common.TooLargeException;
import io.mcp.sessionstore.db.DatabaseFailures;

/**
 * Turns every failure into an RFC 9457 problem: the domain exceptions and the caller's mistakes into
 * 4xx naming the problem, an unreachable database into 503 with Retry-After, anything else into a
 * bare 500 whose details (masked) go to the log under an error id. No body ever carries a stack
 * trace or a Java class name.
 */
public class ProblemMappers {

    public static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    /** The problem a domain failure is, for every REST route. */
    public static Problem problemOf(StoreException failure) {
        return switch (failure) {
            case NotFoundException e -> Problem.of(ProblemType.NOT_FOUND, e.getMessage());
            case PreconditionFailedException e -> Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage());
            case ConcurrentWriteException e -> Problem.of(ProblemType.CONCURRENT_MODIFICATION, e.getMessage());
            case EventsTrimmedException e -> Problem.of(ProblemType.EVENTS_TRIMMED, e.getMessage());
            case TooLargeException e -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage());
            case InvalidInputException e -> Problem.badRequest(e.kind(), e.getMessage()).withErrors(e.fields().isEmpty()
                    ? null : e.fields().stream().map(f -> new Problem.FieldError(f.name(), f.message())).toList());
        };
    }

    @ServerExceptionMapper
    public Response domain(StoreException e, UriInfo uri) {
        if (e instanceof InvalidInputException invalid && invalid.getCause() instanceof JsonProcessingException parsing) {
            return jsonProblem(parsing, uri);
        }
        return respond(problemOf(e), uri).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.problem(), uri);
        e.headers().forEach(response::header);
        if (e.problem().status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(Problem.of(ProblemType.VALIDATION, "the request has invalid fields").withErrors(errors), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    /** Jackson's REST integration ships its own mapper for this type; this one must win over it. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException jsonFailure) {
            return jsonProblem(jsonFailure, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        Response.ResponseBuilder response = respond(Problem.ofStatus(status, title, slug(title), detailFor(status, uri)),
                uri);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase(HttpHeaders.ALLOW) || name.equalsIgnoreCase(HttpHeaders.WWW_AUTHENTICATE)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("database unavailable: %s", LogSafe.reason(e));
            return respond(Problem.of(ProblemType.DATABASE_UNAVAILABLE,
                    "the session database cannot be reached right now; retry later"), uri)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String errorId = UUID.randomUUID().toString();
        logUnexpected(errorId, e);
        return respond(Problem.of(ProblemType.INTERNAL_ERROR,
                "an unexpected error occurred; the log has details under error id " + errorId), uri).build();
    }

    /**
     * A 500's log line: every cause with its message masked, and where it was thrown, but never a raw
     * exception message, which may hold a connection URI with its password.
     */
    public static void logUnexpected(String errorId, Throwable e) {
        Throwable root = LogSafe.rootCause(e);
        StackTraceElement[] frames = root.getStackTrace();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            where.append("\n\tat ").append(frames[i]);
        }
        LOG.errorf("unexpected failure, error id %s: %s%s", errorId, LogSafe.causes(e), where);
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProblemException reading) { // the body size limit, hit mid-parse
                return problem(reading, uri);
            }
            if (cause instanceof StoreException domain) { // a read-only property, named by its feature
                return respond(problemOf(domain), uri).build();
            }
        }
        Problem problem = switch (e) {
            case UnrecognizedPropertyException unknown -> Problem.of(ProblemType.VALIDATION,
                    "unknown property '" + unknown.getPropertyName() + "'")
                    .withErrors(List.of(new Problem.FieldError(path(unknown),
                            "unknown property '" + unknown.getPropertyName() + "'")));
            case InvalidFormatException format -> Problem.of(ProblemType.VALIDATION,
                    "property '" + path(format) + "' has a value of the wrong type")
                    .withErrors(List.of(new Problem.FieldError(path(format), "wrong type")));
            case MismatchedInputException mismatch when !path(mismatch).isEmpty() -> Problem.of(ProblemType.VALIDATION,
                    "property '" + path(mismatch) + "' has a value of the wrong type or shape")
                    .withErrors(List.of(new Problem.FieldError(path(mismatch), "wrong type or shape")));
            case MismatchedInputException mismatch -> Problem.of(ProblemType.MALFORMED_JSON,
                    "the body is not the JSON object this endpoint takes");
            default -> Problem.of(ProblemType.MALFORMED_JSON, "the body is not valid JSON" + location(e));
        };
        return respond(problem, uri).build();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The bean property path without the method and parameter that Bean Validation prefixes. */
    private static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                name.append(name.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return name.isEmpty() ? "body" : name.toString();
    }

    private static String detailFor(int status, UriInfo uri) {
        return switch (status) {
            case 404 -> "nothing is served at " + uri.getPath();
            case 405 -> "this method is not allowed on " + uri.getPath();
            case 406 -> "this endpoint answers application/json only";
            case 415 -> "this endpoint does not take a body of this content type";
            default -> "the request cannot be served as sent";
        };
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        Problem withInstance = uri == null ? problem : problem.withInstance(uri.getRequestUri().getRawPath());
        try {
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                    .entity(json.writeValueAsString(withInstance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem could not be written as JSON", e);
        }
    }
}
