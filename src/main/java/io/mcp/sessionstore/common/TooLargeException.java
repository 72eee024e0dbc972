package io.mcp.sessionstore.common;

/** A body or a message over its size limit. */
public final class TooLargeException extends StoreException {

    public TooLargeException(String detail) {
        super(detail, null);
    }
}
