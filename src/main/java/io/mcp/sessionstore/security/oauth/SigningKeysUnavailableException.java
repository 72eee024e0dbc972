package io.mcp.sessionstore.security.oauth;

/**
 * The issuer's signing keys could not be fetched, so no token can be checked right now: the
 * gateway's problem (503), not the caller's, whose token may well be valid.
 */
public class SigningKeysUnavailableException extends RuntimeException {

    SigningKeysUnavailableException() {
        super("the authorization server's signing keys cannot be fetched right now; retry later", null, false, false);
    }
}
