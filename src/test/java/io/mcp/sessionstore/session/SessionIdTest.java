package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Ids: 1-128 characters, each visible ASCII 0x21-0x7E (the MCP rule). */
@QuarkusTest
class SessionIdTest {

    @Test
    void putWhenIdHas128CharactersThenCreated() {
        String id = "x".repeat(127) + Long.toString(System.nanoTime() % 10);
        json().body("{}").put(session(id)).then().statusCode(201).body("id", equalTo(id));
        api().get(session(id)).then().statusCode(200);
    }

    @Test
    void putWhenIdHas129CharactersThenBadRequest() {
        json().body("{}").put(session("y".repeat(129))).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("128"));
    }

    @Test
    void putWhenIdUsesBoundaryCharactersThenAccepted() {
        String id = "!boundary~" + System.nanoTime() + "~!";
        json().body("{}").put(session(id)).then().statusCode(201).body("id", equalTo(id));
        api().get(session(id)).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void putWhenIdHasReservedUrlCharactersThenRoundTrips() {
        String id = "a/b?c#d%e&f=g" + System.nanoTime();
        json().body("{}").put(session(id)).then().statusCode(201);
        api().get(session(id)).then().statusCode(200).body("id", equalTo(id));
        api().post(session(id) + "/activity").then().statusCode(200);
    }

    @Test
    void putWhenIdHasCharacterOutsideVisibleAsciiThenBadRequest() {
        json().body("{}").put(session("space here")).then().statusCode(400).body("detail", containsString("U+0020"));
        json().body("{}").put(session("del\u007F")).then().statusCode(400).body("detail", containsString("U+007F"));
        json().body("{}").put(session("tab\t")).then().statusCode(400);
        json().body("{}").put(session("caf\u00e9")).then().statusCode(400);
        api().get(session("space here")).then().statusCode(400);
    }
}
