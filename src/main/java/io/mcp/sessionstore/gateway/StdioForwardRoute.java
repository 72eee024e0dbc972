package io.mcp.sessionstore.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Where the other replicas reach the stdio children this one runs: {@code /internal/stdio/<id>},
 * Streamable HTTP with the child's key as Mcp-Session-Id, for replicas only (the replica token, not
 * an API key: a plain Vert.x route, outside the REST API and its filters). A key this replica does
 * not hold is 404, never forwarded again: the caller then re-initializes the session itself.
 */
@ApplicationScoped
class StdioForwardRoute {

    static final String PATH = "/internal/stdio/";
    static final String TOKEN_HEADER = "X-Mcp-Gateway-Replica";
    private static final Logger LOG = Logger.getLogger(StdioForwardRoute.class);
    /** One JSON-RPC message, already within the public routes' limits where it came in. */
    private static final long BODY_LIMIT = 16L * 1024 * 1024;

    private final UpstreamRegistry registry;
    private final StdioUpstream stdio;
    private final ObjectMapper json;

    StdioForwardRoute(UpstreamRegistry registry, StdioUpstream stdio, ObjectMapper json) {
        this.registry = registry;
        this.stdio = stdio;
        this.json = json;
    }

    void routes(@Observes Router router) {
        router.route(PATH + ":serverId").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpServerResponse response = context.response();
        Upstream upstream = registry.find(context.pathParam("serverId"))
                .filter(found -> found.transport() == Upstream.Transport.STDIO).orElse(null);
        if (registry.cipher() == null || !registry.cipher().isReplicaToken(context.request().getHeader(TOKEN_HEADER))) {
            problem(response, 403, "only another gateway replica (sharing MCP_GATEWAY_KEY) may call this route");
            return;
        }
        String key = context.request().getHeader("Mcp-Session-Id");
        if (upstream == null || key == null || key.isBlank()) {
            problem(response, 404, "no stdio upstream of that id, or no child key");
            return;
        }
        if (context.request().method() == HttpMethod.DELETE) {
            stdio.deleteForwarded(upstream, key).subscribe().with(status -> response.setStatusCode(status).end(),
                    failure -> problem(response, 503, "the child could not be stopped"));
            return;
        }
        if (context.request().method() != HttpMethod.POST) {
            problem(response, 405, "POST or DELETE");
            return;
        }
        ObjectNode message = message(context.body().buffer());
        if (message == null) {
            problem(response, 400, "the body must be one JSON-RPC message");
            return;
        }
        stdio.serveForwarded(upstream, key, message).subscribe().with(answer -> {
            response.setStatusCode(answer.status());
            if (answer.status() != 200) {
                answer.messages().collect().asList().subscribe().with(ignored -> response.end(), failure -> response.end());
                return;
            }
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Mcp-Session-Id", key);
            answer.messages().subscribe().with(
                    item -> response.write("data: " + item.message() + "\n\n"),
                    failure -> {
                        LOG.debugf("MCP stdio: a forwarded request ended without its response (%s)", LogSafe.reason(failure));
                        response.reset(); // the caller sees the stream end without a response: an error for its client
                    },
                    response::end);
        }, failure -> problem(response, 503, "the child could not take the message: " + LogSafe.reason(failure)));
    }

    private ObjectNode message(Buffer body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body.getBytes());
            return node instanceof ObjectNode object ? object : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void problem(HttpServerResponse response, int status, String detail) {
        if (response.ended()) {
            return;
        }
        ObjectNode body = json.createObjectNode().put("status", status).put("title", "internal replica route")
                .put("detail", detail);
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.toString());
    }
}
