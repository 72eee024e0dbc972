package io.mcp.sessionstore.faults;

import static io.mcp.sessionstore.testing.Generator.weight;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mcp.sessionstore.mcp.transport.HostileBodies;
import io.mcp.sessionstore.testing.Generator;
import io.mcp.sessionstore.testing.PropertyCheck;

/**
 * Generated requests to the REST API: every route and method, ids and query values at and past
 * every boundary (empty, 10,000 characters, malformed and raw escapes, dot segments, U+0000, other
 * scripts), bodies that are not JSON, JSON of the wrong shape, numbers out of range, deep nesting,
 * bodies past the size limit, odd encodings and media types, and conditional headers that are
 * garbage. Most of them must be refused; some are valid and may change the database.
 */
final class RestAttempts {

    record Attempt(String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return method + " " + PropertyCheck.describe(target) + " " + headers + " body "
                    + (body == null ? "none" : PropertyCheck.describe(new String(body, StandardCharsets.ISO_8859_1)));
        }
    }

    private static final String[] NUMBERS = {"0", "-1", "1", "59", "60", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "1e400", "1.5", "-0", "NaN", "\"7\"", "null", "true", "[]", "{}",
        "1" + "0".repeat(400)};

    private RestAttempts() {
    }

    /** {@code liveId}: a session that exists, so that routes past the lookup are reached too. */
    static Generator<Attempt> any(String liveId, String apiKey) {
        Generator<String> id = ids(liveId);
        Generator<String> number = Generator.of(NUMBERS);
        Generator<String> query = Generator.oneOf(id, number.map(RestAttempts::escaped), Generator.of("active", "all",
                "expired", "", "%", "%ZZ", "&", "=", "a%00b"));
        Generator<String> target = Generator.frequency(
                weight(2, Generator.constant("/sessions")),
                weight(5, id.map(i -> "/sessions/" + i)),
                weight(4, id.map(i -> "/sessions/" + i + "/activity")),
                weight(4, random -> "/sessions/" + id.next(random) + "/streams/" + id.next(random) + "/events"),
                weight(2, random -> "/sessions/" + id.next(random) + "/events?after=" + query.next(random)
                        + "&limit=" + query.next(random)),
                weight(2, random -> "/sessions?serverId=" + query.next(random) + "&state=" + query.next(random)
                        + "&limit=" + query.next(random) + "&after=" + query.next(random)),
                weight(1, Generator.of("/sessions/", "/sessions//activity", "/sessions/%2F", "/sessions/..%2Factivity",
                        "/sessions/x/streams//events", "/sessions?limit=1&limit=2", "/sessions?", "/sessions#x")));
        Generator<String> method = Generator.frequency(weight(3, Generator.constant("POST")), weight(3, Generator.constant("PUT")),
                weight(3, Generator.constant("GET")), weight(2, Generator.constant("PATCH")), weight(2, Generator.constant("DELETE")),
                weight(1, Generator.of("HEAD", "OPTIONS", "TRACE", "PROPFIND")));
        Generator<byte[]> body = bodies();
        Generator<String> contentType = Generator.of("application/json", "application/json", "application/merge-patch+json",
                "application/json; charset=ISO-8859-1", "application/json; charset=nonsense", "text/plain", "application/xml",
                "%%%", "", "multipart/form-data; boundary=x");
        Generator<String> condition = Generator.of("*", "\"1\"", "W/\"1\"", "\"0\"", "garbage", "\"99999999999999999999\"",
                "\"-1\"", "\"1\", \"2\"", "", "\"");
        Generator<String> accept = Generator.of("*/*", "application/json", "text/event-stream", "application/problem+json",
                "image/png", "garbage/", "text/event-stream;q=0, */*;q=0");
        return random -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", random.nextInt(20) == 0 ? "Bearer not-" + apiKey : "Bearer " + apiKey);
            byte[] payload = random.nextInt(6) == 0 ? null : body.next(random);
            if (payload != null && random.nextInt(8) != 0) {
                headers.put("Content-Type", contentType.next(random));
            }
            if (random.nextInt(4) == 0) {
                headers.put(random.nextBoolean() ? "If-Match" : "If-None-Match", condition.next(random));
            }
            if (random.nextInt(3) == 0) {
                headers.put("Accept", accept.next(random));
            }
            return new Attempt(method.next(random), target.next(random), headers, payload);
        };
    }

    private static Generator<String> ids(String liveId) {
        return Generator.frequency(
                weight(4, Generator.constant(liveId)),
                weight(2, Generator.between(0, 99).map(n -> "s-" + n)),
                weight(1, Generator.of("", ".", "..", "*", "%20", "%00", "a%00b", "%ZZ", "%", "%e9", "%C3%A9", "%FF%FE",
                        "%F0%9F%92%A9", "%E2%80%AE", "%EF%BB%BF", "a%2Fb", "%3Cimg%20src%3Dx%3E")),
                // past the id's 128 characters, and past the request line's 16,384 bytes (the HTTP decoder's bare 414)
                weight(1, Generator.between(129, 20_000).map("x"::repeat)),
                weight(2, Generator.strings(Generator.anyChar(), 1, 40).map(RestAttempts::escaped)),
                weight(1, random -> escaped(new String(Generator.bytes(30).next(random), StandardCharsets.ISO_8859_1))));
    }

    private static Generator<byte[]> bodies() {
        Generator<String> text = Generator.oneOf(Generator.of(NUMBERS), Generator.strings(Generator.anyChar(), 0, 80)
                .map(RestAttempts::jsonString), Generator.of("\"\"", "\"<img src=x onerror=alert(1)>\"", "\"\\u0000\""));
        Generator<String> value = Generator.oneOf(text, Generator.of(NUMBERS));
        Generator<String> shaped = random -> switch (random.nextInt(6)) {
            case 0 -> "{\"serverId\":" + value.next(random) + ",\"ttlSeconds\":" + value.next(random) + ",\"attributes\":"
                    + value.next(random) + "}";
            case 1 -> "{\"requests\":" + value.next(random) + ",\"toolCalls\":" + value.next(random) + ",\"errors\":"
                    + value.next(random) + "}";
            case 2 -> "{\"toolCall\":{\"name\":" + value.next(random) + ",\"durationMs\":" + value.next(random) + ",\"ok\":"
                    + value.next(random) + "}}";
            case 3 -> "{\"message\":" + value.next(random) + "}";
            case 4 -> "{\"messages\":[" + value.next(random) + "," + value.next(random) + "]}";
            default -> "{\"attributes\":" + "{\"a\":".repeat(1 + random.nextInt(3000)) + "1" + "}".repeat(random.nextInt(3001)) + "}";
        };
        return Generator.frequency(
                weight(5, shaped.map(s -> s.getBytes(StandardCharsets.UTF_8))),
                weight(3, HostileBodies.any().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                weight(1, shaped.map(s -> s.getBytes(StandardCharsets.ISO_8859_1))),
                weight(1, Generator.bytes(300)),
                weight(1, random -> ("{\"attributes\":{\"pad\":\"" + "x".repeat(200_000 + random.nextInt(1_000_000)) + "\"}}")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** Every byte of the text's UTF-8 percent-encoded, but letters and digits. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
