package io.mcp.sessionstore.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.mcp.sessionstore.problem.ProblemException;

/** The paging and filter parameters of GET /sessions, checked. The cursor is opaque to callers. */
public record ListQuery(String afterId, String state, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    public static ListQuery parse(String state, String limit, String cursor) {
        String checkedState = state == null || state.isBlank() ? "active" : state.trim();
        if (!checkedState.equals("active") && !checkedState.equals("expired") && !checkedState.equals("all")) {
            throw ProblemException.badRequest("invalid-query", "state must be active, expired or all");
        }
        int checkedLimit = limit == null || limit.isBlank() ? DEFAULT_LIMIT : parseLimit(limit.trim());
        if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-query", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new ListQuery(cursor == null || cursor.isBlank() ? "" : idFromCursor(cursor), checkedState,
                checkedLimit);
    }

    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String idFromCursor(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (SessionId.problemWith(id) == null) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a cursor that decodes to no valid id
        }
        throw ProblemException.badRequest("invalid-query", "cursor is not one this service handed out");
    }
}
