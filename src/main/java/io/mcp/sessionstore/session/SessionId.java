package io.mcp.sessionstore.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Server-generated session ids (the rule every id follows is {@link io.mcp.sessionstore.common.Ids}). */
public final class SessionId {

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
}
