package io.mcp.sessionstore.common;

import java.util.List;

/**
 * The caller sent something this service does not take. {@code kind} names the problem
 * (invalid-session-id, invalid-query, ...); {@code fields} lists offending fields when there are any;
 * a cause is kept when it explains the input (a JSON parser's complaint about a merge patch).
 */
public final class InvalidInputException extends StoreException {

    /** One offending field and what is wrong with it. */
    public record Field(String name, String message) {
    }

    private final String kind;
    private final List<Field> fields;

    public InvalidInputException(String kind, String detail) {
        this(kind, detail, List.of(), null);
    }

    public InvalidInputException(String kind, String detail, List<Field> fields, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.fields = List.copyOf(fields);
    }

    public String kind() {
        return kind;
    }

    public List<Field> fields() {
        return fields;
    }
}
