package io.mcp.sessionstore.mcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.mcp.transport.JsonRpcOracle.Accepted;
import io.mcp.sessionstore.mcp.transport.JsonRpcOracle.Expected;
import io.mcp.sessionstore.mcp.transport.JsonRpcOracle.Refused;
import io.mcp.sessionstore.mcp.transport.JsonRpcOracle.Verdict;
import io.mcp.sessionstore.mcp.transport.JsonRpcShapes.Kind;
import io.mcp.sessionstore.mcp.transport.JsonRpcShapes.Value;
import io.mcp.sessionstore.testing.PropertyCheck;

/**
 * The parser on generated inputs: whatever the text, messages or a 400 with one of its three
 * JSON-RPC codes; on generated JSON-RPC shapes, the verdict of {@link JsonRpcOracle}; ids and
 * methods kept as sent; an id echoed only when it is a valid one. Fixed seeds; {@code -Dpbt.seed=random}
 * explores others, and a failure prints the seed that reproduces it.
 */
class JsonRpcParserPropertiesTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<Integer> CODES = Set.of(JsonRpc.PARSE_ERROR, JsonRpc.INVALID_REQUEST, JsonRpc.INVALID_PARAMS);

    private final JsonRpcParser parser = new JsonRpcParser(JSON);

    @Test
    void anyTextWhenParsedThenMessagesOrA400WithAJsonRpcCode() {
        Map<String, Integer> seen = PropertyCheck.forAll("any text", 20_000, 20261201L, HostileBodies.any(),
                PropertyCheck::describe, body -> {
                    try {
                        JsonRpcParser.Parsed parsed = parser.parse(body);
                        assertFalse(parsed.messages().isEmpty());
                        return parsed.batch() ? "batch" : "message";
                    } catch (JsonRpcException refusal) {
                        assertEquals(400, refusal.status());
                        ObjectNode answer = refusal.body();
                        int code = answer.path("error").path("code").asInt();
                        assertTrue(CODES.contains(code), () -> "code " + code);
                        assertEquals("2.0", answer.path("jsonrpc").textValue());
                        assertTrue(answer.path("error").path("message").isTextual());
                        JsonNode id = answer.get("id");
                        assertTrue(id.isNull() || id.isTextual() || id.isIntegralNumber(), () -> "id " + id);
                        // the transport writes it out: it must be writable and read back the same
                        assertEquals(answer, roundTrip(answer));
                        return String.valueOf(code);
                    } catch (RuntimeException | StackOverflowError escaped) {
                        return fail("the parser let " + escaped + " escape", escaped);
                    }
                });
        assertTrue(seen.keySet().containsAll(List.of("-32700", "-32600", "-32602", "message", "batch")), seen::toString);
    }

    @Test
    void shapedBodyWhenParsedThenTheOraclesVerdict() {
        Map<String, Integer> seen = PropertyCheck.forAll("oracle verdict", 20_000, 20261202L, JsonRpcShapes.body(),
                Value::toString, body -> {
                    Verdict expected = JsonRpcOracle.judge(body);
                    assertEquals(expected, verdict(body.json()));
                    return expected instanceof Refused refused ? String.valueOf(refused.code())
                            : ((Accepted) expected).messages().getFirst().type().getSimpleName();
                });
        assertTrue(seen.keySet().containsAll(List.of("-32600", "-32602", "Request", "Notification", "Response",
                "ErrorResponse")), seen::toString);
    }

    @Test
    void validBodyWhenParsedThenEveryIdAndMethodAsSent() {
        PropertyCheck.forAll("ids and methods as sent", 5_000, 20261203L, JsonRpcShapes.valid(), Value::toString, body -> {
            JsonRpcParser.Parsed parsed = parser.parse(body.json());
            List<Value> sent = body.kind() == Kind.ARRAY ? body.elements() : List.of(body);
            assertEquals(sent.size(), parsed.messages().size());
            assertEquals(body.kind() == Kind.ARRAY, parsed.batch());
            String label = null;
            for (int i = 0; i < sent.size(); i++) {
                Map<String, Value> members = sent.get(i).members();
                JsonRpcMessage typed = parsed.messages().get(i);
                Expected got = expected(typed);
                Value id = members.get("id");
                Value method = members.get("method");
                assertEquals(id == null ? null : id.plain(), got.id(), "id");
                assertEquals(method == null ? null : method.plain(), got.method(), "method");
                List<String> received = new java.util.ArrayList<>();
                typed.json().fieldNames().forEachRemaining(received::add);
                assertEquals(List.copyOf(members.keySet()), received, "the message as received");
                label = typed.getClass().getSimpleName() + " " + (id == null ? "no id" : id.kind());
            }
            return label;
        });
    }

    @Test
    void refusedBodyWhenParsedThenIdEchoedOnlyWhenValid() {
        Map<String, Integer> seen = PropertyCheck.forAll("id echoed only when valid", 5_000, 20261204L,
                JsonRpcShapes.body(), Value::toString, body -> {
                    Object echoed;
                    try {
                        parser.parse(body.json());
                        return "accepted (not a case)";
                    } catch (JsonRpcException refusal) {
                        echoed = plain(refusal.body().get("id"));
                    }
                    List<Value> messages = body.kind() == Kind.ARRAY ? body.elements() : List.of(body);
                    List<Object> validIds = messages.stream().filter(m -> m.kind() == Kind.OBJECT)
                            .map(m -> m.members().get("id")).filter(JsonRpcOracle::validId).map(Value::plain).toList();
                    if (body.kind() != Kind.ARRAY) {
                        assertEquals(validIds.isEmpty() ? null : validIds.getFirst(), echoed);
                    } else {
                        assertTrue(echoed == null || validIds.contains(echoed), () -> "echoed " + echoed);
                    }
                    return echoed == null ? "refused, null id" : "refused, id echoed";
                });
        assertTrue(seen.containsKey("refused, null id") && seen.containsKey("refused, id echoed"), seen::toString);
    }

    private Verdict verdict(String body) {
        try {
            JsonRpcParser.Parsed parsed = parser.parse(body);
            return new Accepted(parsed.messages().stream().map(JsonRpcParserPropertiesTest::expected).toList(),
                    parsed.batch());
        } catch (JsonRpcException refusal) {
            ObjectNode answer = refusal.body();
            return new Refused(answer.path("error").path("code").asInt(), plain(answer.get("id")));
        }
    }

    private static Expected expected(JsonRpcMessage message) {
        return switch (message) {
            case JsonRpcMessage.Request r -> new Expected(JsonRpcMessage.Request.class, plain(r.id()), r.method());
            case JsonRpcMessage.Notification n -> new Expected(JsonRpcMessage.Notification.class, null, n.method());
            case JsonRpcMessage.Response r -> new Expected(JsonRpcMessage.Response.class, plain(r.id()), null);
            case JsonRpcMessage.ErrorResponse e -> new Expected(JsonRpcMessage.ErrorResponse.class, plain(e.id()), null);
        };
    }

    /** An id node as the oracle writes ids: String, BigInteger, null for none or JSON null, else the node. */
    private static Object plain(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual()) {
            return id.textValue();
        }
        return id.isIntegralNumber() ? id.bigIntegerValue() : id;
    }

    private static JsonNode roundTrip(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
