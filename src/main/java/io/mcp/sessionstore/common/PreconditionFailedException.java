package io.mcp.sessionstore.common;

/** If-Match / If-None-Match not met. */
public final class PreconditionFailedException extends StoreException {

    public PreconditionFailedException(String detail) {
        super(detail, null);
    }
}
