package io.mcp.sessionstore.security.oauth;

/**
 * A bearer JWT this gateway does not accept: a bad signature or unknown key, another issuer or
 * audience, expired, no subject. Its message says which, never what the token holds.
 */
public class InvalidTokenException extends RuntimeException {

    InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
