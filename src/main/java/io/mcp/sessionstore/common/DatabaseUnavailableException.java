package io.mcp.sessionstore.common;

/** The database could not be reached or did not answer in time: a 503, never the caller's fault. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
