package io.mcp.sessionstore.problem;

import java.util.Map;

/**
 * Ends a request with this problem (and response headers). Thrown only at the HTTP edge (request
 * filters); services throw the domain exceptions of the common package instead.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
