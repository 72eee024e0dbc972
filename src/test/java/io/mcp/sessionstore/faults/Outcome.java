package io.mcp.sessionstore.faults;

/** What a client saw of one request: the classes the fault suite counts. */
enum Outcome {
    /** 2xx: acknowledged. */
    OK("2xx"),
    /** 503 with Retry-After: the documented answer while a dependency is down. */
    UNAVAILABLE("503 with Retry-After"),
    /** 503 without Retry-After: a bug. */
    UNAVAILABLE_WITHOUT_RETRY_AFTER("503 without Retry-After"),
    /** Any other 5xx: a bug. */
    OTHER_5XX("other 5xx"),
    /** A 4xx: the suite sends only valid requests, so a bug too (a lost session is a 404). */
    CLIENT_ERROR("4xx"),
    /** No HTTP answer: refused, reset or timed out (expected only from a killed process). */
    NO_ANSWER("no answer (connection refused, reset or timed out)");

    final String label;

    Outcome(String label) {
        this.label = label;
    }

    static Outcome of(int status, boolean retryAfter) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status == 503) {
            return retryAfter ? UNAVAILABLE : UNAVAILABLE_WITHOUT_RETRY_AFTER;
        }
        return status >= 500 ? OTHER_5XX : CLIENT_ERROR;
    }

    /** Whether a write with this outcome may have been committed all the same. */
    boolean ambiguous() {
        return this != OK && this != CLIENT_ERROR;
    }
}
