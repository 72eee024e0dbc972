package io.mcp.sessionstore.security;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.mcp.sessionstore.problem.Problem;
import io.mcp.sessionstore.problem.ProblemException;
import io.mcp.sessionstore.problem.ProblemType;

/**
 * Every REST route of this service needs {@code Authorization: Bearer <key>}; the Quarkus routes
 * under /q (health, metrics, OpenAPI) are not REST routes and stay open for probes and scrapers.
 * Pre-matching, so an unauthenticated caller learns nothing about routes, methods or media types.
 */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";
    /**
     * What an MCP client key opens: the MCP endpoints (a gateway route's legacy SSE pair, /sse and
     * /messages, included), and nothing of the store's own API.
     */
    private static final java.util.regex.Pattern MCP_ROUTE = java.util.regex.Pattern.compile(
            "^/mcp(/[^/]+(/sse|/messages)?)?/?$");
    private static final String CHALLENGE = "Bearer realm=\"mcp-session-store\"";

    private final ApiKeys keys;
    private final Caller caller;

    public ApiKeyFilter(ApiKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request) {
        if (!keys.enabled()) {
            caller.keyId("anonymous");
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("an API key is required: send Authorization: Bearer <key>", CHALLENGE);
        }
        ApiKeys.Identity identity = keys.identify(authorization.substring(BEARER.length()).trim());
        if (identity == null) {
            throw unauthorized("the API key is not valid", CHALLENGE + ", error=\"invalid_token\"");
        }
        if (identity.clientOnly() && !MCP_ROUTE.matcher(request.getUriInfo().getRequestUri().getRawPath()).matches()) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                    "this key is an MCP client key (MCP_CLIENT_KEYS): it opens only /mcp and /mcp/<serverId>"));
        }
        caller.keyId(identity.keyId());
    }

    private static ProblemException unauthorized(String detail, String challenge) {
        return new ProblemException(Problem.of(ProblemType.UNAUTHORIZED, detail),
                java.util.Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }
}
