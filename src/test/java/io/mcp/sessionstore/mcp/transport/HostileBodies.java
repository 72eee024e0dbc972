package io.mcp.sessionstore.mcp.transport;

import static io.mcp.sessionstore.testing.Generator.weight;

import java.nio.charset.StandardCharsets;

import io.mcp.sessionstore.testing.Generator;

/**
 * POST bodies a careless or hostile client sends: random text and bytes, valid messages cut short
 * or with one character changed, nesting past Jackson's depth limit, numbers past its length limit,
 * odd Unicode, and JSON that is not JSON-RPC.
 */
public final class HostileBodies {

    /** Bodies that look like JSON but are not quite (or are JSON that is no message). */
    private static final String[] ODD = {"", " ", "\n\t", "null", "true", "1", "-0", "\"s\"", "[]", "[[]]", "[1,2]",
        "[{}]", "{}", "{}{}", "{} x", "[] []", "/* c */{}", "{'jsonrpc':'2.0'}", "{\"jsonrpc\":\"2.0\",\"id\":NaN}",
        "{\"jsonrpc\":\"2.0\",\"id\":Infinity,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":01,\"method\":\"a\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",}", "\ufeff{\"jsonrpc\":\"2.0\",\"method\":\"a\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\u0000\"}", "{\"jsonrpc\":\"2.0\",\"method\":\"\\ud800\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":1}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":null,\"method\":\"a\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"\\uZZZZ\"}", "{\"jsonrpc\":\"2.0\",\"method\":\"a\\q\"}", "\u0000", "\uffff",
        "\ud800", "[\"jsonrpc\"]", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}"};

    private HostileBodies() {
    }

    public static Generator<String> any() {
        return Generator.frequency(
                weight(3, Generator.strings(Generator.anyChar(), 0, 200)),
                weight(2, Generator.strings(Generator.charsOf("{}[]\":,.-+eE0123456789 \\ntrufalsj"), 0, 60)),
                weight(2, bytes()),
                weight(3, truncated()),
                weight(3, mutated()),
                weight(2, deep()),
                weight(2, hugeNumbers()),
                weight(2, Generator.of(ODD)),
                weight(3, JsonRpcShapes.body().map(JsonRpcShapes.Value::json)));
    }

    /** Random bytes read as UTF-8 (malformed sequences become U+FFFD) or as Latin-1. */
    static Generator<String> bytes() {
        return random -> new String(Generator.bytes(200).next(random),
                random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    static Generator<String> truncated() {
        return random -> {
            String json = JsonRpcShapes.body().next(random).json();
            return json.substring(0, random.nextInt(Math.max(1, json.length())));
        };
    }

    /** A generated body with one character inserted, removed or replaced. */
    static Generator<String> mutated() {
        Generator<Character> chars = Generator.oneOf(Generator.of('{', '}', '[', ']', '"', ':', ',', '\\', '0', 'e',
                '-', ' ', '\u0000', '\ud800', '\u00e9'), Generator.anyChar());
        return random -> {
            String json = JsonRpcShapes.body().next(random).json();
            int at = random.nextInt(json.length() + 1);
            char c = chars.next(random);
            return switch (random.nextInt(3)) {
                case 0 -> json.substring(0, at) + c + json.substring(at);
                case 1 -> at < json.length() ? json.substring(0, at) + json.substring(at + 1) : json + c;
                default -> at < json.length() ? json.substring(0, at) + c + json.substring(at + 1) : c + json;
            };
        };
    }

    /** Arrays or objects nested 1 to 5,000 deep, as the body or as params, closed or not. */
    static Generator<String> deep() {
        return random -> {
            int depth = 1 + random.nextInt(5_000);
            boolean arrays = random.nextBoolean();
            boolean closed = random.nextBoolean();
            String nested = (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (closed ? (arrays ? "]" : "}").repeat(depth) : "");
            return random.nextBoolean() ? nested
                    : "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":" + nested + (closed ? "}}" : "");
        };
    }

    /** Numbers of up to 3,000 digits or with huge exponents, as id, params member or error code. */
    static Generator<String> hugeNumbers() {
        Generator<String> digits = Generator.strings(Generator.charsOf("0123456789"), 1, 3_000);
        Generator<String> number = Generator.oneOf(digits.map(d -> "9" + d), digits.map(d -> "0." + d + "1"),
                Generator.of("1e400", "-1E+99999999999", "1e-400", "123456789012345678901234567890e-30",
                        "-9223372036854775809", "2147483648", "1" + "0".repeat(999), "1" + "0".repeat(1000)));
        return random -> {
            String n = number.next(random);
            return switch (random.nextInt(3)) {
                case 0 -> "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"ping\"}";
                case 1 -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"n\":" + n + "}}";
                default -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + n + ",\"message\":\"m\"}}";
            };
        };
    }
}
