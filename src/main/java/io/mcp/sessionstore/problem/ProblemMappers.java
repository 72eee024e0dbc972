package io.mcp.sessionstore.problem;

import java.util.ArrayList;
import java.util.List;
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

import io.mcp.sessionstore.session.SessionFields;
import io.mcp.sessionstore.session.SessionService;

/**
 * Turns every failure into an RFC 9457 problem: the caller's mistakes into 4xx naming the problem,
 * an unreachable database into 503 with Retry-After, anything else into a bare 500 whose details go
 * to the log under an error id. No body ever carries a stack trace or a Java class name.
 */
public class ProblemMappers {

    public static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
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
        errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return respond(Problem.of(400, "validation", "Bad Request", "the request has invalid fields")
                .withErrors(errors), uri).build();
    }

    @ServerExceptionMapper
    public Response invalidPatch(SessionService.InvalidPatchException e, UriInfo uri) {
        return jsonProblem((JsonProcessingException) e.getCause(), uri);
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
        Response.ResponseBuilder response = respond(Problem.of(status, slug(title), title, detailFor(status, uri)), uri);
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
            LOG.warnf("database unavailable: %s", rootMessage(e));
            return respond(Problem.of(503, "database-unavailable", "Service Unavailable",
                    "the session database cannot be reached right now; retry later"), uri)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, error id %s", errorId);
        return respond(Problem.of(500, "internal-error", "Internal Server Error",
                "an unexpected error occurred; the log has details under error id " + errorId), uri).build();
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException reading) { // e.g. the body size limit, hit mid-parse
                return problem(reading, uri);
            }
        }
        Problem problem = switch (e) {
            case UnrecognizedPropertyException unknown -> unknownProperty(unknown);
            case InvalidFormatException format -> Problem.of(400, "validation", "Bad Request",
                    "property '" + path(format) + "' has a value of the wrong type")
                    .withErrors(List.of(new Problem.FieldError(path(format), "wrong type")));
            case MismatchedInputException mismatch when !path(mismatch).isEmpty() -> Problem.of(400, "validation",
                    "Bad Request", "property '" + path(mismatch) + "' has a value of the wrong type or shape")
                    .withErrors(List.of(new Problem.FieldError(path(mismatch), "wrong type or shape")));
            case MismatchedInputException mismatch -> Problem.of(400, "malformed-json", "Bad Request",
                    "the body is not the JSON object this endpoint takes");
            default -> Problem.of(400, "malformed-json", "Bad Request",
                    "the body is not valid JSON" + location(e));
        };
        return respond(problem, uri).build();
    }

    private static Problem unknownProperty(UnrecognizedPropertyException e) {
        String name = e.getPropertyName();
        String detail = SessionFields.READ_ONLY.contains(name)
                ? "property '" + name + "' is read-only: the server manages it"
                : "unknown property '" + name + "'";
        return Problem.of(400, "validation", "Bad Request", detail)
                .withErrors(List.of(new Problem.FieldError(path(e), detail)));
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
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
