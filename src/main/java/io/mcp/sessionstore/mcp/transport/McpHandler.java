package io.mcp.sessionstore.mcp.transport;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.SessionView;
import io.smallrye.mutiny.Uni;

/**
 * What an MCP endpoint does with messages once the transport has checked and parsed them: the local
 * tools server is one handler, a gateway to another server another. A handler never sees HTTP, and
 * never stores anything of the session itself: what it answers is stored by the transport.
 */
public interface McpHandler {

    /** What a request produced: the messages of its stream (notifications, then the response), and its activity. */
    record Answer(List<ObjectNode> messages, Activity activity) {

        public Answer {
            messages = List.copyOf(messages);
        }

        /** A response alone, counted as one request (an error response as one error). */
        public static Answer of(ObjectNode response) {
            return new Answer(List.of(response), JsonRpc.isError(response) ? Activity.error() : Activity.oneRequest());
        }
    }

    ServerInfo serverInfo();

    /** The capabilities announced by initialize and server/discover. */
    ObjectNode capabilities();

    /**
     * The InitializeResult for a client whose protocol version the transport negotiated: by default
     * this handler's identity and capabilities.
     */
    default Uni<ObjectNode> initialize(JsonRpcMessage.Request request, String protocolVersion) {
        ObjectNode result = JsonRpc.object().put("protocolVersion", protocolVersion);
        result.set("capabilities", capabilities());
        result.set("serverInfo", serverInfo().toJson());
        return Uni.createFrom().item(result);
    }

    /** A request of a session, or of no session ({@code session} null: protocol 2026-07-28). */
    Uni<Answer> answer(JsonRpcMessage.Request request, SessionView session);

    /** A notification or a response from the client; the transport counts it as activity. */
    default Uni<Void> accept(JsonRpcMessage message, SessionView session) {
        return Uni.createFrom().voidItem();
    }
}
