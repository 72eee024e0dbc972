package io.mcp.sessionstore.common;

/**
 * The one id rule: session, stream and client-chosen ids are 1-128 characters of visible ASCII
 * (0x21-0x7E), the MCP rule for session ids with a length bound.
 */
public final class Ids {

    public static final int MAX_LENGTH = 128;

    private Ids() {
    }

    /** Why the id is not acceptable ("a session id must not be empty", ...), or null when it is. */
    public static String problemWith(String what, String id) {
        if (id == null || id.isEmpty()) {
            return "a " + what + " must not be empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "a " + what + " has at most " + MAX_LENGTH + " characters; this one has " + id.length();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return String.format("a %s holds only visible ASCII (0x21-0x7E); character %d is U+%04X", what,
                        i + 1, (int) c);
            }
        }
        return null;
    }

    /** Throws invalid-&lt;what&gt; (e.g. invalid-session-id) when the id breaks the rule. */
    public static String require(String what, String id) {
        String problem = problemWith(what, id);
        if (problem != null) {
            throw new InvalidInputException("invalid-" + what.replace(' ', '-'), problem);
        }
        return id;
    }
}
