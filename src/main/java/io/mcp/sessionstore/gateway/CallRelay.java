package io.mcp.sessionstore.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.McpHandler;
import io.mcp.sessionstore.mcp.transport.StreamSink;
import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.StreamAppend;
import io.mcp.sessionstore.session.ToolCall;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Relays the rest of an upstream's stream for one call into the client's stored stream: each
 * message stored first, then the upstream event it came with recorded as the call's resume point.
 * When the upstream's stream ends, breaks or goes quiet before the response, it is resumed after
 * that point (GET with Last-Event-ID), again and again: some upstreams replay what they stored but
 * send nothing live on a resumed stream (server-everything's example event store), so each round
 * reads what came since. The call ends with its response; an upstream that cannot resume, or gives
 * nothing for its timeout, gets the client a JSON-RPC error for that request, never silence. While
 * this process stops, a relay is left to the replica that takes the call over.
 */
@ApplicationScoped
class CallRelay {

    private static final Logger LOG = Logger.getLogger(CallRelay.class);

    /** A new upstream stream of the call, after an upstream event id. */
    @FunctionalInterface
    interface Resumer {
        Uni<UpstreamStream> after(String upstreamEventId);
    }

    private static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(1);

    private final InFlightCalls calls;
    private final GatewayConfig config;
    private final SessionService sessions;
    private volatile boolean stopping;

    CallRelay(InFlightCalls calls, GatewayConfig config, SessionService sessions) {
        this.calls = calls;
        this.config = config;
        this.sessions = sessions;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    Duration lease() {
        return config.callLease();
    }

    /** A call still going after this long is relayed live (see UpstreamAnswer). */
    Duration liveAfter() {
        return config.liveAfter();
    }

    /**
     * A new call, relayed from the stream its POST opened: leased by this replica before the client
     * sees the call's stream, so a replica the client resumes it on knows the call is going on.
     */
    McpHandler.Continuation start(Function<StreamSink, InFlightCalls.Call> call, Multi<UpstreamMessage> rest,
            JsonNode requestId, Resumer resumer, Duration quietBound) {
        return new McpHandler.Continuation() {
            @Override
            public Uni<Void> prepare(StreamSink sink) {
                return calls.open(call.apply(sink), config.callLease());
            }

            @Override
            public Uni<Void> run(StreamSink sink) {
                InFlightCalls.Call leased = call.apply(sink);
                return closedOnFailure(leased, follow(leased, rest, sink, requestId, leased.upstreamEventId(), resumer,
                        quietBound, System.nanoTime()));
            }
        };
    }

    /** A call taken over: relayed from its upstream stream resumed where the last replica left it. */
    Uni<Void> resume(InFlightCalls.Call call, StreamSink sink, JsonNode requestId, Resumer resumer, Duration quietBound) {
        return closedOnFailure(call, next(call, sink, requestId, call.upstreamEventId(), resumer, quietBound, System.nanoTime()));
    }

    /**
     * A relay that failed outright (its session deleted meanwhile, the database gone) drops its call;
     * while this process stops, it stays for a taker. A call whose relay ended here without closing
     * it (the database was gone) is no longer renewed: another replica, or this one, takes it over.
     */
    private Uni<Void> closedOnFailure(InFlightCalls.Call call, Uni<Void> relay) {
        return calls.relayed(call, relay.onFailure(failure -> !stopping).call(failure -> calls.close(call)
                .onFailure().recoverWithNull()));
    }

    /** What one upstream stream gave: the response (null: none yet), the resume point after it, whether it moved. */
    private record Pass(ObjectNode response, String resumePoint, boolean moved, Throwable failure) {

        boolean answered() {
            return response != null;
        }
    }

    private Uni<Void> follow(InFlightCalls.Call call, Multi<UpstreamMessage> stream, StreamSink sink, JsonNode requestId,
            String resumePoint, Resumer resumer, Duration quietBound, long quietSince) {
        return pass(call, stream, sink, requestId, resumePoint).chain(pass -> {
            if (pass.answered()) {
                return calls.close(call).call(() -> recordToolCall(call, !failed(pass.response())));
            }
            if (pass.failure() != null && stopping) {
                return Uni.createFrom().<Void>failure(pass.failure()); // the lease runs out; another replica resumes
            }
            long since = pass.moved() ? System.nanoTime() : quietSince;
            if (System.nanoTime() - since > quietBound.toNanos()) {
                return fail(call, sink, requestId, "upstream " + call.serverId() + " sent nothing for this call for "
                        + quietBound + (pass.failure() == null ? "" : " (" + LogSafe.reason(pass.failure()) + ")"));
            }
            return next(call, sink, requestId, pass.resumePoint(), resumer, quietBound, since);
        });
    }

    private Uni<Void> next(InFlightCalls.Call call, StreamSink sink, JsonNode requestId, String resumePoint,
            Resumer resumer, Duration quietBound, long quietSince) {
        if (resumePoint == null) {
            return fail(call, sink, requestId, "upstream " + call.serverId()
                    + " ended the stream of this call without its response, and gave it no event id to resume it from");
        }
        return resumer.after(resumePoint).onItemOrFailure().transformToUni((stream, failure) -> {
            if (failure != null) {
                if (!stopping && System.nanoTime() - quietSince < quietBound.toNanos()) {
                    // unreachable for now (restarting?): tried again until the call was quiet for its bound
                    return Uni.createFrom().voidItem().onItem().delayIt().by(UNREACHABLE_RETRY)
                            .chain(() -> next(call, sink, requestId, resumePoint, resumer, quietBound, quietSince));
                }
                return fail(call, sink, requestId, "upstream " + call.serverId()
                        + " could not resume the stream of this call: " + LogSafe.reason(failure));
            }
            if (stream.status() != 200) {
                return fail(call, sink, requestId, "upstream " + call.serverId() + " answered HTTP " + stream.status()
                        + " to resuming the stream of this call");
            }
            return follow(call, stream.messages(), sink, requestId, resumePoint, resumer, quietBound, quietSince);
        });
    }

    private Uni<Pass> pass(InFlightCalls.Call call, Multi<UpstreamMessage> stream, StreamSink sink, JsonNode requestId,
            String from) {
        AtomicReference<String> resumePoint = new AtomicReference<>(from);
        AtomicReference<ObjectNode> answered = new AtomicReference<>();
        AtomicBoolean moved = new AtomicBoolean();
        Function<UpstreamMessage, Uni<Boolean>> store = relayed -> sink.append(relayed.message()).chain(() -> {
            moved.set(true);
            if (answered.get() == null && answers(relayed.message(), requestId)) {
                answered.set(relayed.message());
            }
            String eventId = relayed.eventId();
            if (eventId == null || eventId.equals(resumePoint.get()) || answered.get() != null) {
                return Uni.createFrom().item(answered.get() != null);
            }
            resumePoint.set(eventId);
            return calls.advance(call, eventId).replaceWith(false);
        });
        return stream.onItem().<Boolean>transformToUniAndConcatenate(store::apply)
                .select().first(stored -> !stored) // the response stored: nothing after it belongs to the call
                .collect().last()
                .map(done -> new Pass(answered.get(), resumePoint.get(), moved.get(), null))
                .onFailure().recoverWithItem(failure -> new Pass(answered.get(), resumePoint.get(), moved.get(), failure));
    }

    /**
     * The call cannot go on: the client gets a JSON-RPC error for it, and the call is closed; unless
     * the client cancelled it, which wants no answer (the upstream sends none either).
     */
    Uni<Void> fail(InFlightCalls.Call call, StreamSink sink, JsonNode requestId, String why) {
        return calls.stillOpen(call).chain(open -> {
            if (!open) {
                LogFields.log(LOG, Logger.Level.DEBUG, call.sessionId(), call.serverId(), "MCP gateway: call %s of "
                        + "session %s on %s was cancelled by the client", requestId, LogSafe.fingerprint(call.sessionId()),
                        call.serverId());
                return Uni.createFrom().voidItem();
            }
            LogFields.log(LOG, Logger.Level.INFO, call.sessionId(), call.serverId(), "MCP gateway: call %s of session %s "
                    + "on %s ended without its response (%s)", requestId, LogSafe.fingerprint(call.sessionId()),
                    call.serverId(), why);
            return sink.append(JsonRpc.error(requestId, JsonRpc.INTERNAL_ERROR, why)).chain(() -> calls.close(call))
                    .call(() -> recordToolCall(call, false));
        });
    }

    /** A relayed tools/call is recorded when it ends, with its whole duration at the gateway (best effort). */
    private Uni<Void> recordToolCall(InFlightCalls.Call call, boolean ok) {
        if (call.toolName() == null) {
            return Uni.createFrom().voidItem();
        }
        long durationMs = Math.max(0, Duration.between(call.startedAt(), Instant.now()).toMillis());
        Activity ended = new Activity(0, 1, ok ? 0 : 1, List.of(new ToolCall(call.toolName(), durationMs, ok)), false);
        return sessions.recordActivity(SessionScope.ANY, call.sessionId(), ended, StreamAppend.NONE).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** A response that tells of a failure: a JSON-RPC error, or a tool result marked isError. */
    static boolean failed(ObjectNode response) {
        return response != null && (response.has("error") || response.path("result").path("isError").asBoolean(false));
    }

    private static boolean answers(ObjectNode message, JsonNode requestId) {
        return requestId.equals(message.get("id")) && !message.has("method")
                && (message.has("result") || message.has("error"));
    }
}
