package io.mcp.sessionstore.security;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.mcp.sessionstore.problem.Problem;
import io.mcp.sessionstore.problem.ProblemException;
import io.mcp.sessionstore.problem.ProblemType;
import io.mcp.sessionstore.security.oauth.InvalidTokenException;
import io.mcp.sessionstore.security.oauth.OAuthTokens;
import io.mcp.sessionstore.security.oauth.SigningKeysUnavailableException;
import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every REST route of this service needs {@code Authorization: Bearer <key>}; the Quarkus routes
 * under /q (health, metrics, OpenAPI) are not REST routes and stay open for probes and scrapers, and
 * so is the OAuth metadata. With OAuth on, a bearer JWT that is no API key is an access token, which
 * opens the MCP endpoints like an MCP client key. Pre-matching, so an unauthenticated caller learns
 * nothing about routes, methods or media types.
 */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";
    /**
     * What an MCP client key or an access token opens: the MCP endpoints (a gateway route's legacy SSE
     * pair, /sse and /messages, included), and nothing of the store's own API. Group 1 is the route.
     */
    private static final Pattern MCP_ROUTE = Pattern.compile("^(/mcp(?:/[^/]+)?)(?:/sse|/messages)?/?$");
    private static final String CHALLENGE = "Bearer realm=\"mcp-session-store\"";
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final ApiKeys keys;
    private final OAuthTokens oauth;
    private final Caller caller;

    public ApiKeyFilter(ApiKeys keys, OAuthTokens oauth, Caller caller) {
        this.keys = keys;
        this.oauth = oauth;
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        // Vert.x's raw path: UriInfo's request URI would build (and parse) a whole absolute URI per request
        String path = http.path();
        if (path.equals(OAuthTokens.METADATA_PATH) || path.startsWith(OAuthTokens.METADATA_PATH + "/")) {
            return DONE;
        }
        if (!keys.enabled()) {
            caller.keyId("anonymous");
            return DONE;
        }
        String route = mcpRoute(path);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized(route != null && oauth.enabled()
                    ? "an API key or an OAuth access token is required: send Authorization: Bearer <key or token>"
                    : "an API key is required: send Authorization: Bearer <key>", challenge(route, false));
        }
        String token = authorization.substring(BEARER.length()).trim();
        ApiKeys.Identity identity = keys.identify(token);
        if (identity == null && oauth.enabled() && OAuthTokens.isJwt(token)) {
            return accessToken(token, route);
        }
        if (identity == null) {
            throw unauthorized("the API key is not valid", challenge(route, true));
        }
        if (identity.clientOnly() && route == null) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                    "this key is an MCP client key (MCP_CLIENT_KEYS): it opens only /mcp and /mcp/<serverId>"));
        }
        caller.keyId(identity.keyId());
        return DONE;
    }

    /** The MCP endpoint a path is under, or null: most requests are the store's own, and skip the pattern. */
    private static String mcpRoute(String path) {
        if (!path.startsWith("/mcp")) {
            return null;
        }
        Matcher mcp = MCP_ROUTE.matcher(path);
        return mcp.matches() ? mcp.group(1) : null;
    }

    /** The token's subject becomes the caller, as a key's id would; checked off the event loop (OAuthTokens). */
    private Uni<Void> accessToken(String token, String route) {
        Caller target = ClientProxy.unwrap(caller); // this request's own: its context is suspended while the check runs
        return oauth.owner(token, route).invoke(owner -> {
            if (route == null) {
                throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                        "an OAuth access token opens only /mcp and /mcp/<serverId>"));
            }
            target.keyId(owner);
        }).onFailure(InvalidTokenException.class).transform(e -> unauthorized(e.getMessage(), challenge(route, true)))
                .onFailure(SigningKeysUnavailableException.class).transform(e -> new ProblemException(
                        Problem.of(ProblemType.AUTHORIZATION_SERVER_UNAVAILABLE, e.getMessage())))
                .replaceWithVoid();
    }

    /** RFC 6750's challenge; with OAuth on, an MCP route's points at its metadata (RFC 9728, the MCP authorization spec). */
    private String challenge(String route, boolean refused) {
        StringBuilder challenge = new StringBuilder(CHALLENGE);
        if (route != null && oauth.enabled()) {
            challenge.append(", resource_metadata=\"").append(oauth.metadataUrl(route)).append('"');
        }
        return refused ? challenge.append(", error=\"invalid_token\"").toString() : challenge.toString();
    }

    private static ProblemException unauthorized(String detail, String challenge) {
        return new ProblemException(Problem.of(ProblemType.UNAUTHORIZED, detail),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }
}
