package io.mcp.sessionstore.common;

/** Concurrent writes kept winning the optimistic race; the caller may retry. */
public final class ConcurrentWriteException extends StoreException {

    public ConcurrentWriteException(String detail) {
        super(detail, null);
    }
}
