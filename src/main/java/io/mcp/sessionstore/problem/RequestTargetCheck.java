package io.mcp.sessionstore.problem;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first route: a request target that is no valid URI (a malformed percent-escape such as
 * {@code /sessions/%ZZ} or {@code ?limit=%}, a character that must be escaped) gets a 400 naming the
 * problem, a problem+json body (on the MCP routes a JSON-RPC error, -32600), before anything decodes
 * it. Quarkus makes the same check with the same parser ({@code java.net.URI}) but answers a bare 400;
 * {@link #DISABLE_QUARKUS_CHECK} turns its check off so that this one answers instead. The input is
 * never echoed: the detail names the parser's reason and the index only.
 */
@ApplicationScoped
public class RequestTargetCheck {

    /**
     * The system property that turns Quarkus' own check off. It is read once, when Quarkus' HTTP
     * recorder class is initialised: set by SessionStoreMain before Quarkus starts, by the pom for the
     * tests, and for the native image (whose classes are initialised while it is built) by
     * {@code quarkus.native.additional-build-args}.
     */
    public static final String DISABLE_QUARKUS_CHECK = "vertx.disableURIValidation";
    static final String PROBLEM_KIND = "invalid-request-target";
    private static final int INVALID_REQUEST = -32600;

    private final ObjectMapper mapper;

    RequestTargetCheck(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String target = context.request().uri();
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            refuse(context, "the request target is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, String detail) {
        String path = context.request().path();
        boolean mcpRoute = path.equals("/mcp") || path.startsWith("/mcp/");
        String contentType = mcpRoute ? "application/json" : Problem.MEDIA_TYPE;
        String body = mcpRoute ? jsonRpcError(detail) : mapper.valueToTree(Problem.badRequest(PROBLEM_KIND, detail)).toString();
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }

    /** mcp.transport's JsonRpc.error, written here: problem is below mcp.transport (no package cycle). */
    private String jsonRpcError(String detail) {
        ObjectNode message = mapper.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        message.putObject("error").put("code", INVALID_REQUEST).put("message", "Invalid Request: " + detail);
        return message.toString();
    }
}
