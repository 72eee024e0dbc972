package io.mcp.sessionstore.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: the MCP rule (visible ASCII) with a length bound, and server-generated ids. */
public final class SessionId {

    public static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int GENERATED_BYTES = 32;

    private SessionId() {
    }

    /** 256 bits from a secure random source, base64url without padding: 43 URL-safe characters. */
    public static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Why the id is not acceptable, or null when it is: 1-128 characters, each 0x21-0x7E. */
    public static String problemWith(String id) {
        if (id == null || id.isEmpty()) {
            return "a session id must not be empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "a session id has at most " + MAX_LENGTH + " characters; this one has " + id.length();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return String.format("a session id holds only visible ASCII (0x21-0x7E); character %d is U+%04X",
                        i + 1, (int) c);
            }
        }
        return null;
    }
}
