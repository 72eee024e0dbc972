package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Streamable HTTP towards an upstream: each call carries the upstream's configured headers, the
 * upstream session id and protocol version, and is bounded by the upstream's timeout (no byte for
 * that long). The client's own Mcp-Session-Id and Last-Event-ID never reach the upstream. Vert.x's
 * client answers on the caller's event loop: the JDK's completes on the common fork-join pool, one
 * thread on a 2-core machine, shared with the whole process.
 */
@ApplicationScoped
class UpstreamClient {

    private final WebClient http;
    private final ObjectMapper json;

    UpstreamClient(Vertx vertx, ObjectMapper json) {
        this.http = WebClient.create(vertx, new WebClientOptions().setUserAgent("mcp-session-store-gateway")
                .setFollowRedirects(false));
        this.json = json;
    }

    @PreDestroy
    void close() {
        http.close();
    }

    Uni<UpstreamReply> post(Upstream upstream, String sessionId, String protocolVersion, ObjectNode message) {
        return request(HttpMethod.POST, upstream, sessionId, protocolVersion)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, text/event-stream")
                .sendBuffer(Buffer.buffer(bytes(message)))
                .map(response -> new UpstreamReply(response.statusCode(), response.getHeader("mcp-session-id"),
                        messages(response)));
    }

    /** Ends an upstream session; 404 and 405 (already gone, or not supported) are fine. */
    Uni<Integer> delete(Upstream upstream, String sessionId, String protocolVersion) {
        return request(HttpMethod.DELETE, upstream, sessionId, protocolVersion).send().map(HttpResponse::statusCode);
    }

    private HttpRequest<Buffer> request(HttpMethod method, Upstream upstream, String sessionId, String protocolVersion) {
        HttpRequest<Buffer> request = http.requestAbs(method, upstream.url().toString())
                .timeout(upstream.timeout().toMillis());
        upstream.headers().forEach(request::putHeader);
        if (sessionId != null && !sessionId.isEmpty()) {
            request.putHeader("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            request.putHeader("MCP-Protocol-Version", protocolVersion);
        }
        return request;
    }

    /** The JSON-RPC messages of a body: one JSON message or batch, or the data of each SSE event. */
    private List<ObjectNode> messages(HttpResponse<Buffer> response) {
        String type = response.getHeader("content-type") == null ? "" : response.getHeader("content-type");
        String body = response.bodyAsString() == null ? "" : response.bodyAsString();
        List<ObjectNode> messages = new ArrayList<>();
        if (type.startsWith("text/event-stream")) {
            for (String data : ServerSentEventsReader.data(body)) {
                add(messages, data);
            }
        } else if (type.startsWith("application/json")) {
            add(messages, body);
        }
        return messages;
    }

    private void add(List<ObjectNode> messages, String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                messages.add(object);
            } else if (node != null && node.isArray()) {
                node.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        messages.add(object);
                    }
                });
            }
        } catch (JsonProcessingException e) {
            // not JSON-RPC: nothing of it can be relayed; the handler answers that no response came
        }
    }

    private byte[] bytes(ObjectNode message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
