package io.mcp.sessionstore.mcp.transport;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.UpstreamLink;
import io.mcp.sessionstore.session.UpstreamStart;
import io.smallrye.mutiny.Uni;

/**
 * What an MCP endpoint does with messages once the transport has checked and parsed them: the local
 * tools server is one handler, a gateway to another server another. A handler never sees HTTP, and
 * never stores anything of the session itself: what it answers is stored by the transport.
 */
public interface McpHandler {

    /**
     * What a request produced: the messages of its stream (notifications, then the response), and its
     * activity. {@code rest}, when not null, is the stream's continuation: the request goes on (it
     * waits on the client, or it is a long one), so the stream is sent up to here, and the handler
     * writes the rest into the stored stream, which the client follows on any replica.
     */
    record Answer(List<ObjectNode> messages, Activity activity, Continuation rest) {

        public Answer {
            messages = List.copyOf(messages);
        }

        public Answer(List<ObjectNode> messages, Activity activity) {
            this(messages, activity, null);
        }

        /** A response alone, counted as one request (an error response as one error). */
        public static Answer of(ObjectNode response) {
            return new Answer(List.of(response), JsonRpc.isError(response) ? Activity.error() : Activity.oneRequest());
        }
    }

    /** The rest of a request's stream: run once its start is stored, it ends when the stream has its response. */
    interface Continuation {

        /** Done before the client is sent the stream's start (the gateway leases the call it relays). */
        Uni<Void> prepare(StreamSink sink);

        Uni<Void> run(StreamSink sink);
    }

    /** What initialize gave: the InitializeResult, and the upstream session the new session is linked to (or null). */
    record Initialized(ObjectNode result, UpstreamStart upstream) {
    }

    ServerInfo serverInfo();

    /** The capabilities announced by initialize and server/discover. */
    ObjectNode capabilities();

    /** What server/discover (2026-07-28) announces: by default {@link #capabilities()}. */
    default Uni<ObjectNode> discoverCapabilities() {
        return Uni.createFrom().item(capabilities());
    }

    /** The route's upstream (the session's serverId), null for the local server: sessions are bound to it. */
    default String serverId() {
        return null;
    }

    /** What the session records as its upstream transport (null: none). */
    default String upstreamTransport() {
        return null;
    }

    /**
     * The InitializeResult for a client whose protocol version the transport negotiated, for the new
     * session {@code sessionId}: by default this handler's identity and capabilities.
     */
    default Uni<Initialized> initialize(JsonRpcMessage.Request request, String protocolVersion, String sessionId) {
        ObjectNode result = JsonRpc.object().put("protocolVersion", protocolVersion);
        result.set("capabilities", capabilities());
        result.set("serverInfo", serverInfo().toJson());
        return Uni.createFrom().item(new Initialized(result, null));
    }

    /** A request of a session, or of no session ({@code session} null: protocol 2026-07-28). */
    Uni<Answer> answer(JsonRpcMessage.Request request, BoundSession session);

    /**
     * A request of protocol 2026-07-28 (no session) from {@code owner} (the caller's key id or token
     * subject): by default {@link #answer} without a session.
     */
    default Uni<Answer> answerStateless(JsonRpcMessage.Request request, String owner) {
        return answer(request, null);
    }

    /** A notification or a response from the client; the transport counts it as activity. */
    default Uni<Void> accept(JsonRpcMessage message, BoundSession session) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Whether another replica may still be writing this stream of the session (a call it relays):
     * a client resuming the stream then follows it instead of getting what is stored so far.
     */
    default Uni<Boolean> continuing(String sessionId, String streamId) {
        return Uni.createFrom().item(false);
    }

    /**
     * What writes the session's standalone stream (a GET without Last-Event-ID) while a client reads
     * it: run when the stream opens, cancelled when the client goes. Null: the stream is only primed.
     */
    default Continuation standalone(BoundSession session) {
        return null;
    }

    /** The session was deleted; {@code upstream} is what it was linked to (null: nothing). */
    default Uni<Void> ended(String sessionId, UpstreamLink upstream) {
        return Uni.createFrom().voidItem();
    }
}
