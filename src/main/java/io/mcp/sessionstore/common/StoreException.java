package io.mcp.sessionstore.common;

/**
 * A domain failure: what went wrong in the terms of the store, never an HTTP status or a JSON-RPC
 * code (the edges choose those). Stack-less: these are answers, not bugs.
 */
public abstract sealed class StoreException extends RuntimeException
        permits NotFoundException, PreconditionFailedException, ConcurrentWriteException, EventsTrimmedException,
        InvalidInputException, TooLargeException {

    protected StoreException(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }
}
