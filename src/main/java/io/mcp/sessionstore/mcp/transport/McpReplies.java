package io.mcp.sessionstore.mcp.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the transport's answers from a resource whose streams may still be written while they are
 * sent (the gateway's): its method returns {@code Multi<byte[]>} and produces
 * application/octet-stream, the one media type for which Quarkus REST writes a Multi's bytes as
 * they are, with the status and headers given here ({@link LiveStreamAccept} makes it acceptable).
 */
public final class McpReplies {

    private McpReplies() {
    }

    /** {@code answer} may refuse at once (an unknown route): that refusal is sent as any other. */
    public static Multi<byte[]> send(Supplier<Uni<Response>> answer) {
        Uni<Response> response = Uni.createFrom().<Response>deferred(answer::get).onFailure(JsonRpcException.class)
                .recoverWithItem(refusal -> McpResponses.of((JsonRpcException) refusal));
        return RestMulti.fromUniResponse(response, McpReplies::body, McpReplies::headers, Response::getStatus);
    }

    @SuppressWarnings("unchecked")
    private static Multi<byte[]> body(Response response) {
        return switch (response.getEntity()) {
            case null -> Multi.createFrom().empty();
            case Multi<?> live -> (Multi<byte[]>) live;
            case byte[] bytes -> Multi.createFrom().item(bytes);
            case Object other -> Multi.createFrom().item(other.toString().getBytes(StandardCharsets.UTF_8));
        };
    }

    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        if (response.getMediaType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, List.of(response.getMediaType().toString()));
        }
        return headers;
    }
}
