package io.mcp.sessionstore.problem;

/**
 * Every kind of problem this service answers with a fixed status and title. A 400 names its own
 * kind (invalid-session-id, invalid-query, ...): see {@link Problem#badRequest}.
 */
public enum ProblemType {

    VALIDATION(400, "validation", "Bad Request"),
    MALFORMED_JSON(400, "malformed-json", "Bad Request"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not Found"),
    CONCURRENT_MODIFICATION(409, "concurrent-modification", "Conflict"),
    EVENTS_TRIMMED(410, "events-trimmed", "Gone"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition Failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Content Too Large"),
    INTERNAL_ERROR(500, "internal-error", "Internal Server Error"),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "Service Unavailable"),
    AUTHORIZATION_SERVER_UNAVAILABLE(503, "authorization-server-unavailable", "Service Unavailable"),
    SHUTTING_DOWN(503, "shutting-down", "Service Unavailable");

    public static final String BAD_REQUEST_TITLE = "Bad Request";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
