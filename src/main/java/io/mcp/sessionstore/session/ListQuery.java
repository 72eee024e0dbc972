package io.mcp.sessionstore.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.mcp.sessionstore.common.Ids;
import io.mcp.sessionstore.common.InvalidInputException;
import io.mcp.sessionstore.common.Limits;

/** The paging and filter parameters of GET /sessions, checked. The cursor is opaque to callers. */
public record ListQuery(String afterId, String state, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    public static ListQuery parse(String state, String limit, String cursor) {
        String checkedState = state == null || state.isBlank() ? "active" : state.trim();
        if (!checkedState.equals("active") && !checkedState.equals("expired") && !checkedState.equals("all")) {
            throw new InvalidInputException("invalid-query", "state must be active, expired or all");
        }
        int checkedLimit = Limits.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return new ListQuery(cursor == null || cursor.isBlank() ? "" : idFromCursor(cursor), checkedState,
                checkedLimit);
    }

    static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String idFromCursor(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (Ids.problemWith("session id", id) == null) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a cursor that decodes to no valid id
        }
        throw new InvalidInputException("invalid-query", "cursor is not one this service handed out");
    }
}
