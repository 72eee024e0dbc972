package io.mcp.sessionstore.mcp.transport;

import static io.mcp.sessionstore.testing.Generator.weight;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.mcp.sessionstore.testing.Generator;

/**
 * Generated JSON shaped like JSON-RPC: each value written as JSON text together with what it is
 * (its {@link Kind} and plain value), so that {@link JsonRpcOracle} judges the model, not Jackson's
 * reading of the text.
 */
public final class JsonRpcShapes {

    /** What a JSON value is, as JSON-RPC distinguishes them (integers by the range they fit). */
    public enum Kind { STRING, INT32, INT64, BIG_INTEGER, FLOAT, BOOLEAN, NULL, OBJECT, ARRAY }

    /**
     * One JSON value: its text and kind; {@code plain} is the String or BigInteger of a string or an
     * integer; {@code members} or {@code elements} when it is an object or an array.
     */
    public record Value(Kind kind, String json, Object plain, Map<String, Value> members, List<Value> elements) {

        static Value scalar(Kind kind, String json, Object plain) {
            return new Value(kind, json, plain, null, null);
        }

        public boolean integral() {
            return kind == Kind.INT32 || kind == Kind.INT64 || kind == Kind.BIG_INTEGER;
        }

        @Override
        public String toString() {
            return io.mcp.sessionstore.testing.PropertyCheck.describe(json);
        }
    }

    private static final String[] METHODS = {"initialize", "ping", "tools/list", "tools/call",
        "notifications/initialized", "notifications/cancelled", "x", "rpc.discover", "a/b/c", " "};
    private static final Value VERSION = Value.scalar(Kind.STRING, "\"2.0\"", "2.0");
    private static final Value NULL = Value.scalar(Kind.NULL, "null", null);

    private JsonRpcShapes() {
    }

    /** Text a client might put in a string: plain, every UTF-16 unit (lone surrogates too), odd code points. */
    public static Generator<String> text() {
        return Generator.frequency(
                weight(4, Generator.strings(Generator.charsOf("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789/_-."), 0, 20)),
                weight(2, Generator.strings(Generator.anyChar(), 0, 12)),
                weight(2, Generator.of("", "\u0000", "\ud800", "\udc00x", "\ud83d\ude00", "\u2028\u2029", "\u202e\u0645",
                        "\ufeff", "\uffff", "\\", "\"", "2.0", "-1", "null", "e\u0301", "</script>")),
                weight(1, Generator.constant("x".repeat(10_000))));
    }

    /** A string, written plain or with every non-ASCII unit as a \\u escape. */
    public static Generator<Value> string() {
        return random -> {
            String text = text().next(random);
            return Value.scalar(Kind.STRING, quote(text, random.nextBoolean()), text);
        };
    }

    public static Generator<Value> nonEmptyString() {
        return Generator.oneOf(Generator.of(METHODS).map(m -> Value.scalar(Kind.STRING, quote(m, false), m)),
                string().filter(v -> !((String) v.plain()).isEmpty()));
    }

    public static Generator<Value> int32() {
        return Generator.frequency(weight(9, Generator.ints().map(i -> integer(BigInteger.valueOf(i), Kind.INT32))),
                weight(1, Generator.constant(Value.scalar(Kind.INT32, "-0", BigInteger.ZERO))));
    }

    public static Generator<Value> int64() {
        return Generator.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)
                .map(l -> integer(BigInteger.valueOf(l), Kind.INT64));
    }

    /** Integers past the long range, 20 to 200 digits. */
    public static Generator<Value> bigInteger() {
        return random -> {
            String digits = Generator.strings(Generator.charsOf("0123456789"), 19, 199).next(random);
            return integer(new BigInteger((random.nextBoolean() ? "-9" : "9") + digits), Kind.BIG_INTEGER);
        };
    }

    public static Generator<Value> floating() {
        return Generator.oneOf(
                Generator.of("1.0", "0.5", "-0.0", "2.0", "1e2", "1E-7", "-3.25e2", "1e400", "6.02E+23", "-32000.0")
                        .map(text -> Value.scalar(Kind.FLOAT, text, null)),
                Generator.<Double>oneOf(java.util.Random::nextDouble, random -> random.nextGaussian() * 1e6)
                        .map(d -> Value.scalar(Kind.FLOAT, Double.toString(d), null)));
    }

    public static Generator<Value> scalar() {
        return Generator.oneOf(string(), int32(), int64(), bigInteger(), floating(),
                Generator.booleans().map(b -> Value.scalar(Kind.BOOLEAN, b.toString(), null)), Generator.constant(NULL));
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    public static Generator<Value> any(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Generator<String> keys = Generator.strings(Generator.charsOf("abcxyz_"), 0, 6);
        return Generator.frequency(weight(4, scalar()),
                weight(1, random -> {
                    Map<String, Value> members = new LinkedHashMap<>();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        members.put(keys.next(random), any(depth - 1).next(random));
                    }
                    return object(members);
                }),
                weight(1, any(depth - 1).list(0, 3).map(JsonRpcShapes::array)));
    }

    public static Value object(Map<String, Value> members) {
        StringBuilder json = new StringBuilder("{");
        members.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append(quote(key, false))
                .append(':').append(value.json()));
        return new Value(Kind.OBJECT, json.append('}').toString(), null, new LinkedHashMap<>(members), null);
    }

    public static Value array(List<Value> elements) {
        return new Value(Kind.ARRAY, "[" + String.join(",", elements.stream().map(Value::json).toList()) + "]", null,
                null, List.copyOf(elements));
    }

    /** params-like objects: members MCP reads (protocolVersion, name, arguments, _meta...) of any type. */
    static Generator<Value> paramsObject() {
        String[] names = {"protocolVersion", "name", "arguments", "_meta", "capabilities", "clientInfo"};
        return random -> {
            Map<String, Value> members = new LinkedHashMap<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                members.put(names[random.nextInt(names.length)], any(2).next(random));
            }
            return object(members);
        };
    }

    /** A JSON object with the members of a JSON-RPC message, each of a random type or absent, in random order. */
    public static Generator<Value> message() {
        Generator<Value> version = Generator.frequency(weight(10, Generator.constant(VERSION)),
                weight(1, Generator.constant(Value.scalar(Kind.STRING, "\"\\u0032.0\"", "2.0"))),
                weight(1, Generator.of("2.1", "2", "", "2.0 ", "1.0").map(v -> Value.scalar(Kind.STRING, quote(v, false), v))),
                weight(1, any(1)));
        Generator<Value> id = Generator.frequency(weight(4, string()), weight(4, int32()), weight(1, int64()),
                weight(1, bigInteger()), weight(2, any(1)));
        Generator<Value> method = Generator.frequency(weight(6, nonEmptyString()), weight(1, any(1)));
        Generator<Value> params = Generator.frequency(weight(4, paramsObject()), weight(2, any(2)));
        List<Generator<Value>> members = List.of(version.orNull(1 / 13.0), id.orNull(0.3), method.orNull(2 / 7.0),
                params.orNull(3 / 7.0), any(2).orNull(0.6), error().orNull(0.6), any(1).orNull(6 / 7.0));
        String[] names = {"jsonrpc", "id", "method", "params", "result", "error", "extra"};
        return random -> {
            Map<String, Value> present = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                Value value = members.get(i).next(random);
                if (value != null) {
                    present.put(names[i], value);
                }
            }
            Map<String, Value> shuffled = new LinkedHashMap<>();
            Generator.shuffled(new ArrayList<>(present.keySet())).next(random).forEach(n -> shuffled.put(n, present.get(n)));
            return object(shuffled);
        };
    }

    /** An error member: an object with a code and a message of random types (or absent), or not an object. */
    static Generator<Value> error() {
        Generator<Value> code = Generator.frequency(weight(6, int32()), weight(3, scalar())).orNull(1 / 9.0);
        Generator<Value> message = Generator.frequency(weight(6, string()), weight(2, any(1))).orNull(1 / 9.0);
        Generator<Value> data = any(1).orNull(0.75);
        Generator<Value> structured = random -> members("code", code.next(random), "message", message.next(random),
                "data", data.next(random));
        return Generator.frequency(weight(5, structured), weight(1, any(1)));
    }

    /** A body: one message (most often), a batch of messages and stray values, or a bare value. */
    public static Generator<Value> body() {
        Generator<Value> element = Generator.frequency(weight(9, message()), weight(1, any(1)));
        return Generator.frequency(weight(12, message()), weight(4, element.list(0, 4).map(JsonRpcShapes::array)),
                weight(1, any(2)));
    }

    /** Only messages the parser must accept: requests, notifications, responses, error responses, batches of them. */
    public static Generator<Value> valid() {
        Generator<Value> id = Generator.oneOf(string(), int32(), int64(), bigInteger());
        Generator<Value> params = Generator.oneOf(paramsObject(), Generator.constant(NULL)).orNull(0.3);
        Generator<Value> request = random -> members("jsonrpc", VERSION, "id", id.next(random),
                "method", nonEmptyString().next(random), "params", params.next(random));
        Generator<Value> notification = random -> members("jsonrpc", VERSION, "method", nonEmptyString().next(random),
                "params", params.next(random));
        Generator<Value> response = random -> members("jsonrpc", VERSION, "id", id.next(random), "result",
                any(2).next(random));
        Generator<Value> error = random -> members("jsonrpc", VERSION,
                "id", Generator.oneOf(id, Generator.constant(NULL)).next(random),
                "error", members("code", int32().next(random), "message", string().next(random),
                        "data", any(1).orNull(0.7).next(random)));
        Generator<Value> one = Generator.oneOf(request, notification, response, error);
        return Generator.frequency(weight(3, one), weight(1, one.list(1, 4).map(JsonRpcShapes::array)));
    }

    /** An object of these name, value pairs, a null value leaving its member out. */
    public static Value members(Object... namesAndValues) {
        Map<String, Value> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                members.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
            }
        }
        return object(members);
    }

    private static Value integer(BigInteger value, Kind kind) {
        return Value.scalar(kind, value.toString(), value);
    }

    /** JSON string text; {@code escapeAll} writes every non-ASCII unit (lone surrogates too) as a \\u escape. */
    public static String quote(String text, boolean escapeAll) {
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(text));
        if (!escapeAll) {
            return "\"" + quoted + "\"";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : quoted.toCharArray()) {
            out.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }
}
