package io.mcp.sessionstore.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Shared helpers of the HTTP tests: an authenticated request, path encoding, polling. */
public final class Api {

    public static final String KEY = "test-key-primary";
    public static final String ROTATED_KEY = "test-key-rotated";
    public static final String PROBLEM_JSON = "application/problem+json";

    private Api() {
    }

    /** An authenticated request whose paths are sent exactly as given (already percent-encoded). */
    public static RequestSpecification api() {
        return given().urlEncodingEnabled(false).header("Authorization", "Bearer " + KEY);
    }

    public static RequestSpecification json() {
        return api().contentType(ContentType.JSON);
    }

    /** The path of a session, its id percent-encoded as any HTTP client must. */
    public static String session(String id) {
        return "/sessions/" + encode(id);
    }

    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Creates a session with a server-generated id and returns the id. */
    public static String createSession(String body) {
        return json().body(body).post("/sessions").then().statusCode(201).extract().path("id");
    }

    /** Polls until the condition holds, failing after the deadline: state is waited for, not slept for. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the poll interval
        }
    }
}
