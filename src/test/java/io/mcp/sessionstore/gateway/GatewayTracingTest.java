package io.mcp.sessionstore.gateway;

import static io.mcp.sessionstore.mcp.McpTransportTest.ACCEPT_BOTH;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.telemetry.RecordingSpans;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.JavaSdkUpstreamTestResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * Traces through the gateway, against the MCP Java SDK upstream (it records the traceparent headers
 * and the _meta of its tool calls): the client's request span is the parent of the upstream call's,
 * in the client's trace, and the upstream gets that span as its parent in the header and in _meta;
 * the statement batches have spans; a session shows as its fingerprint only.
 */
@QuarkusTest
@TestProfile(RecordingSpans.class)
@WithTestResource(JavaSdkUpstreamTestResource.class)
class GatewayTracingTest {

    static final String ROUTE = "/mcp/" + JavaSdkUpstreamTestResource.ID;
    static final Duration WITHIN = Duration.ofSeconds(15);
    static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.fingerprint");
    static final AttributeKey<String> SERVER_ID = AttributeKey.stringKey("mcp.gateway.server_id");

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void forget() {
        spans.reset();
    }

    static String traceId() {
        return HexFormat.of().formatHex(ThreadLocalRandom.current().ints(16, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::write,
                        (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray());
    }

    static RequestSpecification mcp() {
        return given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2025-11-25");
    }

    String initialize() {
        String session = mcp().body(GatewayJavaSdkTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract()
                .header("Mcp-Session-Id");
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post(ROUTE).then().statusCode(202);
        return session;
    }

    /** The first finished span that passes, once it is there. */
    SpanData awaitSpan(String what, java.util.function.Predicate<SpanData> which) {
        Api.await(what, WITHIN, () -> spans.getFinishedSpanItems().stream().anyMatch(which));
        return spans.getFinishedSpanItems().stream().filter(which).findFirst().orElseThrow();
    }

    @Test
    void toolCallWhenClientSendsTraceparentThenUpstreamCallIsChildOfRequestSpanAndUpstreamGetsItsContext() {
        String session = initialize();
        String trace = traceId();
        String clientSpan = "00f067aa0ba902b7";
        mcp().header("Mcp-Session-Id", session).header("traceparent", "00-" + trace + "-" + clientSpan + "-01")
                .body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                        + "\"arguments\":{\"a\":2,\"b\":3}}}")
                .post(ROUTE).then().statusCode(200);

        SpanData request = awaitSpan("the request's span", span -> span.getKind() == SpanKind.SERVER
                && span.getTraceId().equals(trace));
        assertEquals(clientSpan, request.getParentSpanId(), "the client's span is the request span's parent");
        SpanData upstream = awaitSpan("the upstream call's span", span -> span.getKind() == SpanKind.CLIENT
                && span.getName().equals("tools/call " + JavaSdkUpstreamTestResource.ID));
        assertEquals(trace, upstream.getTraceId(), "one trace");
        assertEquals(request.getSpanId(), upstream.getParentSpanId(), "request span -> upstream call span");
        assertEquals(JavaSdkUpstreamTestResource.ID, upstream.getAttributes().get(SERVER_ID));
        assertEquals("7", upstream.getAttributes().get(AttributeKey.stringKey("jsonrpc.request.id")));
        assertEquals(LogSafe.fingerprint(session), upstream.getAttributes().get(SESSION));
        assertEquals(LogSafe.fingerprint(session), request.getAttributes().get(SESSION), "the request span has it too");
        assertNotEquals(session, LogSafe.fingerprint(session));

        String forwarded = "00-" + trace + "-" + upstream.getSpanId() + "-01";
        assertTrue(JavaSdkUpstreamTestResource.upstream().traceparents().contains(forwarded),
                "the upstream's traceparent header names the upstream call's span: "
                        + JavaSdkUpstreamTestResource.upstream().traceparents() + " / " + forwarded);
        assertEquals(forwarded, JavaSdkUpstreamTestResource.upstream().toolCallMeta().getLast().get("traceparent"),
                "and so does params._meta.traceparent");

        SpanData batch = awaitSpan("a statement batch span of the request", span -> span.getName().startsWith("db.batch ")
                && span.getTraceId().equals(trace));
        assertTrue(List.of("FIND_BOUND", "RECORD_ACTIVITY", "APPEND")
                .contains(batch.getAttributes().get(AttributeKey.stringKey("mcp.db.statement"))), batch.toString());
        assertTrue(List.of("alone", "pipelined", "one-statement")
                .contains(batch.getAttributes().get(AttributeKey.stringKey("mcp.db.batch.form"))), batch.toString());
        assertTrue(batch.getAttributes().get(AttributeKey.longKey("db.operation.batch.size")) >= 1, batch.toString());
        assertEquals(SpanKind.CLIENT, batch.getKind());
        assertTrue(spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(trace)
                && span.getKind() == SpanKind.CLIENT).allMatch(span -> span.getName().startsWith("db.batch ")
                        || span.getName().endsWith(" " + JavaSdkUpstreamTestResource.ID)),
                "no other client span: Vert.x's own (with the full URL) and the SQL client's are off");

        for (SpanData span : spans.getFinishedSpanItems()) {
            assertFalse(span.getAttributes().asMap().values().stream().anyMatch(value -> value.toString().contains(session)),
                    "no span attribute holds the session id: " + span);
        }
    }

    @Test
    void toolCallWhenClientSendsTraceparentOnlyInMetaThenUpstreamCallIsInThatTrace() {
        String session = initialize();
        String trace = traceId();
        String clientSpan = "b7ad6b7169203331";
        String theirs = "00-" + trace + "-" + clientSpan + "-01";
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1},\"_meta\":{\"traceparent\":\"" + theirs
                + "\",\"client.example/note\":\"kept\"}}}").post(ROUTE).then().statusCode(200);

        SpanData upstream = awaitSpan("the upstream call's span in the client's trace", span -> span.getKind() == SpanKind.CLIENT
                && span.getTraceId().equals(trace));
        assertEquals(clientSpan, upstream.getParentSpanId(), "_meta's context is the parent when no header came");
        assertFalse(upstream.getLinks().isEmpty(), "linked to the request's own span");
        Optional<java.util.Map<String, Object>> meta = JavaSdkUpstreamTestResource.upstream().toolCallMeta().stream()
                .filter(each -> String.valueOf(each.get("traceparent")).contains(trace)).findFirst();
        assertTrue(meta.isPresent(), JavaSdkUpstreamTestResource.upstream().toolCallMeta().toString());
        assertEquals("00-" + trace + "-" + upstream.getSpanId() + "-01", meta.get().get("traceparent"));
        assertEquals("kept", meta.get().get("client.example/note"), "the client's other _meta keys are untouched");
    }
}
