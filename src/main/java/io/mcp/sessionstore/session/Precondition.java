package io.mcp.sessionstore.session;

import io.mcp.sessionstore.common.InvalidInputException;

/**
 * The conditional request headers of RFC 9110 as this API uses them: {@code If-Match: "<version>"}
 * (or {@code *}) and {@code If-None-Match: *}. Weak tags never match (strong comparison).
 */
public record Precondition(Long ifMatchVersion, boolean ifMatchAny, boolean ifNoneMatchAny) {

    public static Precondition parse(String ifMatch, String ifNoneMatch) {
        Long version = null;
        boolean any = false;
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.trim();
            if (value.equals("*")) {
                any = true;
            } else {
                version = versionOf(value);
                if (version == null) {
                    throw new InvalidInputException("invalid-precondition",
                            "If-Match must be * or one entity tag \"<version>\" as sent in ETag");
                }
            }
        }
        boolean noneMatchAny = false;
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new InvalidInputException("invalid-precondition",
                        "If-None-Match on a write must be * (create only)");
            }
            noneMatchAny = true;
        }
        return new Precondition(version, any, noneMatchAny);
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** True when an If-None-Match header of a GET names this version (so 304). */
    public static boolean noneMatchHits(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag(version)) || t.equals("W/" + etag(version))) {
                return true;
            }
        }
        return false;
    }

    private static Long versionOf(String tag) {
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            return null;
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
