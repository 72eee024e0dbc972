package io.mcp.sessionstore.mcp.transport;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * Protocol 2026-07-28 in front of any handler: no session, no initialize and no stream; each request
 * gets one JSON answer with {@code resultType} and the server's identity in {@code _meta}, and
 * {@code server/discover} describes the server.
 */
final class StatelessRevision {

    private StatelessRevision() {
    }

    /** The protocol without sessions (2026-07-28): one JSON answer, nothing stored. */
    static Uni<Response> answer(JsonRpcMessage message, McpRequest request, McpHandler handler) {
        if (!(message instanceof JsonRpcMessage.Request call)) {
            return Uni.createFrom().item(McpResponses.accepted());
        }
        HeaderRules.checkStatelessHeaders(call, request);
        ObjectNode serverInfoMeta = JsonRpc.object();
        serverInfoMeta.set("io.modelcontextprotocol/serverInfo", handler.serverInfo().toJson());
        switch (call.method()) {
            case "server/discover" -> {
                return handler.discoverCapabilities().map(capabilities -> {
                    ObjectNode result = JsonRpc.object().put("resultType", "complete");
                    McpProtocol.ALL_VERSIONS.forEach(result.putArray("supportedVersions")::add);
                    result.set("capabilities", capabilities);
                    result.set("serverInfo", handler.serverInfo().toJson());
                    return McpResponses.json(200, JsonRpc.result(call.id(), result));
                });
            }
            case "ping", "initialize" -> {
                return Uni.createFrom().item(McpResponses.json(404, JsonRpc.error(call.id(), JsonRpc.METHOD_NOT_FOUND,
                        call.method() + " is not part of protocol 2026-07-28 (supported: "
                                + String.join(", ", McpProtocol.ALL_VERSIONS)
                                + "; initialize selects 2025-11-25 or earlier)")));
            }
            default -> {
                return handler.answerStateless(call, request.owner()).map(answer -> {
                    ObjectNode last = answer.messages().getLast();
                    if (last.get("result") instanceof ObjectNode result) {
                        result.put("resultType", "complete");
                        result.set("_meta", serverInfoMeta);
                    }
                    int code = last.path("error").path("code").asInt();
                    return McpResponses.json(code == JsonRpc.METHOD_NOT_FOUND ? 404 : 200, last);
                });
            }
        }
    }
}
