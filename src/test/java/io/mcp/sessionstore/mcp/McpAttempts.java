package io.mcp.sessionstore.mcp;

import static io.mcp.sessionstore.testing.Generator.weight;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcp.sessionstore.mcp.transport.HostileBodies;
import io.mcp.sessionstore.mcp.transport.JsonRpcShapes;
import io.mcp.sessionstore.mcp.transport.JsonRpcShapes.Value;
import io.mcp.sessionstore.testing.Generator;
import io.mcp.sessionstore.testing.PropertyCheck;

/** Generated POSTs to /mcp: a body and the MCP headers, hostile ones included (null: the header is not sent). */
final class McpAttempts {

    /** One POST; {@code headers} maps a name to its value. */
    record Attempt(String body, Map<String, String> headers) {

        @Override
        public String toString() {
            Map<String, String> shown = new LinkedHashMap<>();
            headers.forEach((name, value) -> shown.put(name, PropertyCheck.describe(value)));
            return shown + " body " + PropertyCheck.describe(body);
        }
    }

    static final String MAX_BODY = "262144";

    private McpAttempts() {
    }

    /** Characters a header value may carry: visible ASCII, space and Latin-1 (obs-text). */
    static Generator<String> headerText(int maxLength) {
        return Generator.strings(Generator.frequency(weight(6, random -> (char) (0x21 + random.nextInt(0x5e))),
                weight(1, Generator.constant(' ')), weight(1, random -> (char) (0xa0 + random.nextInt(0x60)))), 0, maxLength);
    }

    static Generator<String> accept() {
        return Generator.frequency(weight(8, Generator.constant(McpTransportTest.ACCEPT_BOTH)),
                weight(3, Generator.of("application/json", "text/event-stream", "*/*", "application/*, text/*", "",
                        "text/html", "application/json;q=0, text/event-stream;q=0", "TEXT/EVENT-STREAM,APPLICATION/JSON",
                        ",,,;;;", "application/json, text/event-stream".repeat(300))),
                weight(1, headerText(40)));
    }

    static Generator<String> contentType() {
        return Generator.frequency(weight(8, Generator.constant("application/json")),
                weight(3, Generator.of("application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/jsonx",
                        "application/json; charset=latin1", "", "text/event-stream", "application/json-patch+json")),
                weight(1, headerText(40)));
    }

    static Generator<String> protocolVersion() {
        return Generator.frequency(weight(6, Generator.constant(null)),
                weight(4, Generator.of("2025-03-26", "2025-06-18", "2025-11-25")),
                weight(1, Generator.of("2026-07-28", "1999-01-01", "2025-11-25 ", "", "2025-11-25, 2025-06-18", "x".repeat(10_000))),
                weight(1, headerText(30)));
    }

    /** Session ids a client should not send: empty, non-ASCII, 10,000 characters, random, well-formed but unknown. */
    static Generator<String> hostileSessionId() {
        return Generator.frequency(weight(4, Generator.constant(null)),
                weight(2, Generator.of("", " ", "sessi\u00f6n-\u00e9\u00e8", "a".repeat(10_000), "..", "%00", "null",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "' OR 1=1 --")),
                weight(2, headerText(80)));
    }

    /** initialize with params of every shape: protocolVersion, capabilities and clientInfo of random types. */
    static Generator<String> initialize() {
        Generator<Value> version = Generator.frequency(
                weight(4, Generator.of("2025-11-25", "2025-06-18", "2025-03-26", "2026-07-28", "1.0", "")
                        .map(McpAttempts::scalarString)),
                weight(2, JsonRpcShapes.any(1))).orNull(0.2);
        Generator<Value> objectOrAny = Generator.frequency(weight(3, JsonRpcShapes.any(2).list(0, 2)
                .map(l -> JsonRpcShapes.members("name", l.isEmpty() ? null : l.getFirst(), "version", l.size() > 1 ? l.get(1) : null))),
                weight(1, JsonRpcShapes.any(1))).orNull(0.3);
        // text PostgreSQL refuses in jsonb (NUL) or that UTF-8 cannot carry (lone surrogates)
        Generator<Value> storedText = Generator.of("\u0000", "a\u0000b", "\ud800", "\udfff\ud800", "\u0000\ud83d\ude00")
                .map(McpAttempts::scalarString);
        Generator<Value> clientInfo = Generator.frequency(weight(3, objectOrAny),
                weight(1, random -> JsonRpcShapes.members("name", storedText.next(random), "version", scalarString("1"))));
        Generator<Value> params = random -> JsonRpcShapes.members("protocolVersion", version.next(random),
                "capabilities", Generator.frequency(weight(3, objectOrAny), weight(1, random2 -> JsonRpcShapes.members(
                        storedText.next(random2).plain().toString(), JsonRpcShapes.members()))).next(random),
                "clientInfo", clientInfo.next(random));
        Generator<Value> id = Generator.oneOf(JsonRpcShapes.int32(), JsonRpcShapes.string(), JsonRpcShapes.any(1));
        return random -> JsonRpcShapes.members("jsonrpc", scalarString("2.0"), "id", id.next(random),
                "method", scalarString("initialize"), "params", Generator.frequency(weight(6, params),
                        weight(1, JsonRpcShapes.any(1))).orNull(0.1).next(random)).json();
    }

    /** Bodies just under and over the 256 KiB limit: an initialize whose clientInfo carries the padding. */
    static Generator<String> nearTheLimit() {
        return random -> {
            String head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"clientInfo\":{\"name\":\"";
            String tail = "\"}}}";
            int size = Integer.parseInt(MAX_BODY) - 64 + random.nextInt(129);
            return head + "x".repeat(size - head.length() - tail.length()) + tail;
        };
    }

    /** A POST without a session (or with a hostile session id). */
    static Generator<Attempt> withoutSession() {
        Generator<String> body = Generator.frequency(weight(3, HostileBodies.any()),
                weight(3, JsonRpcShapes.body().map(Value::json)), weight(5, initialize()), weight(1, nearTheLimit()));
        return random -> {
            Map<String, String> headers = headers(random);
            headers.put("Mcp-Session-Id", hostileSessionId().next(random));
            return new Attempt(body.next(random), headers);
        };
    }

    /** A POST within a session: any body, the session's id, the other headers random. */
    static Generator<Attempt> inSession(String sessionId) {
        Generator<String> body = Generator.frequency(weight(4, JsonRpcShapes.body().map(Value::json)),
                weight(2, HostileBodies.any()), weight(3, JsonRpcShapes.valid().map(Value::json)), weight(1, initialize()));
        return random -> {
            Map<String, String> headers = headers(random);
            headers.put("Mcp-Session-Id", sessionId);
            return new Attempt(body.next(random), headers);
        };
    }

    private static Map<String, String> headers(java.util.Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept().next(random));
        headers.put("Content-Type", contentType().next(random));
        headers.put("MCP-Protocol-Version", protocolVersion().next(random));
        headers.put("Origin", Generator.frequency(weight(12, Generator.constant((String) null)),
                weight(1, Generator.of("http://localhost:1", "https://evil.example", "null", ""))).next(random));
        headers.put("Mcp-Method", Generator.frequency(weight(8, Generator.constant((String) null)),
                weight(1, Generator.of("ping", "tools/call", "server/discover")), weight(1, headerText(20))).next(random));
        return headers;
    }

    private static Value scalarString(String text) {
        return new Value(JsonRpcShapes.Kind.STRING, JsonRpcShapes.quote(text, false), text, null, null);
    }
}
