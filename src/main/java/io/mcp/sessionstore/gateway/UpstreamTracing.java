package io.mcp.sessionstore.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.common.LogSafe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.smallrye.mutiny.Uni;

/**
 * The CLIENT span of each upstream call and the W3C trace context it hands the upstream: as the
 * {@code traceparent}/{@code tracestate} headers of an HTTP call and in the JSON-RPC message's
 * {@code params._meta} (MCP SEP-414; for a stdio child the only way). The gateway's span is the
 * upstream's parent, so those two keys of the client's {@code _meta} are replaced; every other key
 * is left as the client sent it. A client that sent its trace context only in {@code _meta} (no
 * {@code traceparent} header) gets the upstream call as a child of that context, linked to the
 * request's span. Attributes name the upstream and the client session by its fingerprint: never its
 * id, the upstream's session id, a header or the URL's query.
 */
final class UpstreamTracing {

    static final AttributeKey<String> SERVER_ID = AttributeKey.stringKey("mcp.gateway.server_id");
    static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.fingerprint");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    private static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("mcp.gateway.transport");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    /** The keys the gateway writes: W3C trace context; baggage and the rest are the client's business. */
    private static final java.util.Set<String> KEYS = java.util.Set.of("traceparent", "tracestate");

    private static final TextMapGetter<JsonNode> META = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JsonNode meta) {
            return () -> meta.fieldNames();
        }

        @Override
        public String get(JsonNode meta, String key) {
            JsonNode value = meta == null ? null : meta.get(key);
            return value != null && value.isTextual() ? value.asText() : null;
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    UpstreamTracing(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A call's span, started, with the message to send (a copy carrying the trace context) and the headers. */
    record Traced(Span span, ObjectNode message, Map<String, String> headers, AtomicBoolean ended) {

        void end(int status) {
            if (status > 0) {
                span.setAttribute(STATUS, (long) status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            if (ended.compareAndSet(false, true)) {
                span.end();
            }
        }

        void fail(Throwable failure) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            end(0);
        }
    }

    /**
     * {@code operation}: the span's name when the call carries no message (a GET, a DELETE);
     * {@code message} null for those; {@code clientSession} the client session in clear, or null.
     */
    private Traced start(Upstream upstream, String operation, ObjectNode message, String clientSession) {
        Context current = Context.current();
        String method = message == null ? null : message.path("method").asText(null);
        String fingerprint = LogSafe.fingerprint(clientSession);
        Context parent = parent(current, message);
        SpanBuilder builder = tracer.spanBuilder((method != null ? method : operation) + " " + upstream.id())
                .setSpanKind(SpanKind.CLIENT).setParent(parent)
                .setAttribute(SERVER_ID, upstream.id())
                .setAttribute(TRANSPORT, upstream.transport().configName());
        if (parent != current && Span.fromContext(current).getSpanContext().isValid()) {
            builder.addLink(Span.fromContext(current).getSpanContext());
        }
        if (method != null) {
            builder.setAttribute(METHOD, method);
        }
        if (message != null && message.hasNonNull("id")) {
            builder.setAttribute(REQUEST_ID, message.get("id").asText());
        }
        if (fingerprint != null) {
            builder.setAttribute(SESSION, fingerprint);
            // the request's own span gets them too: a trace search by session finds the whole request
            Span.fromContext(current).setAttribute(SESSION, fingerprint).setAttribute(SERVER_ID, upstream.id());
        }
        if (upstream.url() != null) {
            builder.setAttribute(SERVER_ADDRESS, upstream.url().getHost());
            builder.setAttribute(SERVER_PORT, (long) upstream.url().getPort());
        }
        Span span = builder.startSpan();
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(current.with(span), headers, (carrier, key, value) -> {
            if (KEYS.contains(key)) {
                carrier.put(key, value);
            }
        });
        return new Traced(span, withMeta(message, headers), Map.copyOf(headers), new AtomicBoolean());
    }

    /** A call in its span: started when the call is sent (so in the context of its subscriber), ended with its answer. */
    <T> Uni<T> call(Upstream upstream, String operation, ObjectNode message, String clientSession,
            Function<Traced, Uni<T>> call, ToIntFunction<T> status) {
        return Uni.createFrom().deferred(() -> {
            Traced traced = start(upstream, operation, message, clientSession);
            return call.apply(traced).onItemOrFailure().invoke((answer, failure) -> {
                if (failure != null) {
                    traced.fail(failure);
                } else {
                    traced.end(status.applyAsInt(answer));
                }
            });
        });
    }

    /** A streamed answer's span lasts until its last message (a long tool call's whole time), or its status when that is an error. */
    Uni<UpstreamStream> stream(Upstream upstream, String operation, ObjectNode message, String clientSession,
            Function<Traced, Uni<UpstreamStream>> call) {
        return Uni.createFrom().deferred(() -> {
            Traced traced = start(upstream, operation, message, clientSession);
            return call.apply(traced).onFailure().invoke(traced::fail).map(stream -> {
                if (stream.status() >= 300) {
                    traced.end(stream.status());
                    return stream;
                }
                return new UpstreamStream(stream.status(), stream.sessionId(), stream.messages()
                        .onFailure().invoke(traced::fail)
                        .onTermination().invoke(() -> traced.end(stream.status())));
            });
        });
    }

    /**
     * The request's context, unless the client sent its trace context in {@code _meta} only: the
     * request's span then has no remote parent (or, when it records nothing, another trace).
     */
    private Context parent(Context current, ObjectNode message) {
        JsonNode meta = message == null ? null : message.path("params").get("_meta");
        if (meta == null || !meta.isObject()) {
            return current;
        }
        Context fromMeta = propagator.extract(Context.root(), meta, META);
        SpanContext client = Span.fromContext(fromMeta).getSpanContext();
        if (!client.isValid()) {
            return current;
        }
        Span request = Span.fromContext(current);
        boolean headerParent = request instanceof ReadableSpan readable ? readable.getParentSpanContext().isRemote()
                : request.getSpanContext().getTraceId().equals(client.getTraceId());
        return headerParent ? current : fromMeta;
    }

    /**
     * The trace context a message carries in {@code params._meta}, as headers: a message forwarded to
     * the replica that runs its stdio child keeps its trace across the hop (that replica's span of the
     * forward is a child of the upstream call's).
     */
    static Map<String, String> headersOf(ObjectNode message) {
        JsonNode meta = message == null ? null : message.path("params").get("_meta");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = META.get(meta, key);
            if (value != null) {
                headers.put(key, value);
            }
        }
        return headers;
    }

    /** A request or notification gets the trace context in params._meta; a response (no params) only the headers. */
    private static ObjectNode withMeta(ObjectNode message, Map<String, String> headers) {
        if (message == null || !message.has("method") || headers.isEmpty()) {
            return message;
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return message; // positional params have no _meta (MCP sends none)
        }
        ObjectNode copy = message.deepCopy();
        ObjectNode withParams = copy.get("params") instanceof ObjectNode object ? object : copy.putObject("params");
        JsonNode meta = withParams.get("_meta");
        ObjectNode withMeta = meta instanceof ObjectNode object ? object : withParams.putObject("_meta");
        headers.forEach(withMeta::put);
        return copy;
    }
}
