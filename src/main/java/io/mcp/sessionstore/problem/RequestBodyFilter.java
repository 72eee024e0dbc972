package io.mcp.sessionstore.problem;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over 256 KiB with a 413 problem: a declared Content-Length before any of it is
 * read, a chunked body once it passes the limit ({@link BodySizeLimit}). An empty body has no media
 * type to judge, so its Content-Type is dropped: a bodiless POST is never a 415.
 */
public class RequestBodyFilter {

    public static final long MAX_BODY_BYTES = 256 * 1024;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 100)
    public void limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-content-length", "Content-Length is not a number");
        }
        if (bytes == 0) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
        if (bytes > MAX_BODY_BYTES) {
            throw tooLarge("the body has " + bytes + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
        }
    }

    static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "payload-too-large", "Content Too Large", detail));
    }
}
