package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An expired session is absent everywhere, before any cleanup removes its row. */
@QuarkusTest
class SessionExpiryTest {

    private String id;

    @BeforeEach
    void createThenExpire() {
        id = createSession("{\"serverId\":\"expiry-test\",\"attributes\":{\"k\":1}}");
        api().post(session(id) + "/activity").then().statusCode(200);
        int moved = PostgresTestResource.database().update("""
                UPDATE sessions SET expires_at = now() - interval '1 second',
                    cleanup_due_at = now() - interval '1 second' WHERE id = ?""", id);
        org.junit.jupiter.api.Assertions.assertEquals(1, moved);
    }

    @Test
    void getWhenSessionExpiredThenNotFound() {
        api().get(session(id)).then().statusCode(404);
    }

    @Test
    void activityWhenSessionExpiredThenNotFoundAndNotRevived() {
        api().post(session(id) + "/activity").then().statusCode(404);
        api().get(session(id)).then().statusCode(404);
    }

    @Test
    void patchAndDeleteWhenSessionExpiredThenNotFound() {
        api().contentType("application/merge-patch+json").body("{}").patch(session(id)).then().statusCode(404);
        api().delete(session(id)).then().statusCode(404);
    }

    @Test
    void putWhenSessionExpiredThenNewSessionCreated() {
        json().body("{\"serverId\":\"reborn\"}").put(session(id)).then().statusCode(201)
                .body("version", equalTo(1))
                .body("metrics.requests", equalTo(0))
                .body("attributes", equalTo(java.util.Map.of()));
    }

    @Test
    void putIfNoneMatchWhenSessionExpiredThenCreated() {
        json().header("If-None-Match", "*").body("{}").put(session(id)).then().statusCode(201);
    }

    @Test
    void putIfMatchWhenSessionExpiredThenPreconditionFailed() {
        json().header("If-Match", "\"2\"").body("{}").put(session(id)).then().statusCode(412);
    }

    @Test
    void listWhenSessionExpiredThenOnlyInExpiredState() {
        api().queryParam("serverId", "expiry-test").get("/sessions").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        api().queryParam("serverId", "expiry-test").queryParam("state", "expired").get("/sessions").then()
                .statusCode(200).body("items.id", hasItem(id));
        api().queryParam("serverId", "expiry-test").queryParam("state", "all").get("/sessions").then()
                .statusCode(200).body("items.id", hasItem(id));
    }
}
