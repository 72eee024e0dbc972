package io.mcp.sessionstore.common;

/** No live session (or event) has this id, or it belongs to another owner: the same answer. */
public final class NotFoundException extends StoreException {

    public NotFoundException(String detail) {
        super(detail, null);
    }

    public static NotFoundException session(String id) {
        return new NotFoundException("no live session has the id " + id);
    }
}
