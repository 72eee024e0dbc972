package io.mcp.sessionstore.problem;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses a body over 256 KiB (4 MiB for event appends) with a 413 problem: a declared Content-Length before any of it is
 * read, a chunked body once it passes the limit ({@link BodySizeLimit}). An empty body has no media
 * type to judge, so its Content-Type is dropped: a bodiless POST is never a 415.
 */
public class RequestBodyFilter {

    public static final long MAX_BODY_BYTES = 256 * 1024;
    /** Event appends carry MCP messages of up to 1 MiB each, several at a time. */
    public static final long MAX_EVENTS_BODY_BYTES = 4 * 1024 * 1024;
    static final String LIMIT_PROPERTY = "mcp.body-limit";
    private static final java.util.regex.Pattern EVENT_APPEND = java.util.regex.Pattern.compile("^/sessions/[^/]+/streams/[^/]+/events/?$");

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 100)
    public void limit(ContainerRequestContext request, HttpServerRequest http) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null && request.getHeaderString("Transfer-Encoding") == null) {
            return; // no body (a GET): nothing to limit
        }
        long limit = EVENT_APPEND.matcher(http.path()).matches()
                ? MAX_EVENTS_BODY_BYTES : MAX_BODY_BYTES;
        request.setProperty(LIMIT_PROPERTY, limit);
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.badRequest("invalid-content-length", "Content-Length is not a number"));
        }
        if (bytes == 0) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
        if (bytes > limit) {
            throw tooLarge("the body has " + bytes + " bytes; at most " + limit + " are accepted here");
        }
    }

    static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, detail));
    }
}
