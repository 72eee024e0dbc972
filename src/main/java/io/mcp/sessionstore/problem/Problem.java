package io.mcp.sessionstore.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail. {@code type} is a URN naming the kind of problem; {@code errors}
 * lists the offending fields of a validation problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:mcp-session-store:problem:";

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, null, null);
    }

    /** A 400 of its own kind: invalid-query, invalid-session-id, ... */
    public static Problem badRequest(String kind, String detail) {
        return new Problem(TYPE_PREFIX + kind, ProblemType.BAD_REQUEST_TITLE, 400, detail, null, null);
    }

    /** A status without a type of its own (405, 406, 415 from the REST layer). */
    static Problem ofStatus(int status, String title, String slug, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, null);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }
}
