package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SessionLifecycleTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static String newId() {
        return "lifecycle-" + UUID.randomUUID();
    }

    @Test
    void createWhenPostedThenServerIdIsRandomUrlSafeWithLocationAndEtag() {
        Response created = json().body("{\"serverId\":\"srv-1\",\"capabilities\":{\"tools\":{}},\"ttlSeconds\":600}")
                .post("/sessions");
        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("id", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("serverId", equalTo("srv-1"))
                .body("capabilities.tools", equalTo(java.util.Map.of()))
                .body("ttlSeconds", equalTo(600))
                .body("initialized", equalTo(false))
                .body("metrics.requests", equalTo(0))
                .body("version", equalTo(1));
        String id = created.path("id");
        assertEquals(true, created.header("Location").endsWith("/sessions/" + id));
        api().get(session(id)).then().statusCode(200).body("serverId", equalTo("srv-1"));
    }

    @Test
    void createWhenNoBodyThenDefaults() {
        String id = api().post("/sessions").then().statusCode(201).body("ttlSeconds", equalTo(3600))
                .body("attributes", equalTo(java.util.Map.of())).extract().path("id");
        api().get(session(id)).then().statusCode(200);
    }

    @Test
    void putWhenAbsentThenCreatedAndWhenLiveThenReplaced() {
        String id = newId();
        json().body("{\"serverId\":\"a\",\"attributes\":{\"x\":1}}").put(session(id)).then()
                .statusCode(201).header("ETag", "\"1\"").header("Location", endsWith(session(id)));
        json().body("{\"userAgent\":\"claude\"}").put(session(id)).then()
                .statusCode(200).header("ETag", "\"2\"")
                .body("userAgent", equalTo("claude"))
                .body("serverId", nullValue()) // PUT replaces every mutable field
                .body("attributes", equalTo(java.util.Map.of()))
                .body("version", equalTo(2));
    }

    @Test
    void putWhenIfNoneMatchStarThenCreateOnly() {
        String id = newId();
        json().header("If-None-Match", "*").body("{}").put(session(id)).then().statusCode(201);
        json().header("If-None-Match", "*").body("{}").put(session(id)).then().statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    void putWhenIfMatchThenReplacesOnlyThatVersion() {
        String id = newId();
        json().body("{}").put(session(id)).then().statusCode(201);
        json().header("If-Match", "\"7\"").body("{\"serverId\":\"b\"}").put(session(id)).then().statusCode(412);
        json().header("If-Match", "\"1\"").body("{\"serverId\":\"b\"}").put(session(id)).then().statusCode(200)
                .header("ETag", "\"2\"").body("serverId", equalTo("b"));
        json().header("If-Match", "*").body("{\"serverId\":\"c\"}").put(session(id)).then().statusCode(200)
                .body("version", equalTo(3));
    }

    @Test
    void putWhenIfMatchAndAbsentThenPreconditionFailed() {
        json().header("If-Match", "\"1\"").body("{}").put(session(newId())).then().statusCode(412);
        json().header("If-Match", "*").body("{}").put(session(newId())).then().statusCode(412);
    }

    @Test
    void putWhenIfMatchIsNotAnEntityTagThenBadRequest() {
        json().header("If-Match", "1").body("{}").put(session(newId())).then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("If-Match"));
    }

    @Test
    void getWhenAbsentThenNotFoundProblem() {
        api().get(session(newId())).then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"));
    }

    @Test
    void getWhenIfNoneMatchNamesTheVersionThenNotModified() {
        String id = createSession("{}");
        api().header("If-None-Match", "\"1\"").get(session(id)).then().statusCode(304).header("ETag", "\"1\"");
        api().header("If-None-Match", "\"9\"").get(session(id)).then().statusCode(200);
    }

    @Test
    void getWhenReadThenExpiryNotExtended() {
        String id = createSession("{}");
        String before = api().get(session(id)).then().statusCode(200).extract().path("expiresAt");
        String after = api().get(session(id)).then().statusCode(200).extract().path("expiresAt");
        assertEquals(before, after);
    }

    @Test
    void patchWhenMergePatchThenAttributesMergedDeeply() {
        String id = createSession("{\"serverId\":\"s\",\"attributes\":{\"a\":{\"x\":1,\"y\":2},\"b\":true}}");
        api().contentType(MERGE_PATCH).body("{\"attributes\":{\"a\":{\"y\":null,\"z\":3},\"c\":\"new\"},\"initialized\":true}")
                .patch(session(id)).then().statusCode(200).header("ETag", "\"2\"")
                .body("attributes.a.x", equalTo(1))
                .body("attributes.a.containsKey('y')", equalTo(false))
                .body("attributes.a.z", equalTo(3))
                .body("attributes.b", equalTo(true))
                .body("attributes.c", equalTo("new"))
                .body("initialized", equalTo(true))
                .body("serverId", equalTo("s"));
    }

    @Test
    void patchWhenFieldSetToNullThenDefault() {
        String id = createSession("{\"serverId\":\"s\",\"ttlSeconds\":120}");
        api().contentType(MERGE_PATCH).body("{\"serverId\":null,\"ttlSeconds\":null}").patch(session(id)).then()
                .statusCode(200).body("serverId", nullValue()).body("ttlSeconds", equalTo(3600));
    }

    @Test
    void patchWhenIfMatchStaleThenPreconditionFailed() {
        String id = createSession("{}");
        api().contentType(MERGE_PATCH).header("If-Match", "\"2\"").body("{\"serverId\":\"x\"}").patch(session(id))
                .then().statusCode(412);
        api().contentType(MERGE_PATCH).header("If-Match", "\"1\"").body("{\"serverId\":\"x\"}").patch(session(id))
                .then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void patchWhenPlainJsonThenUnsupportedMediaType() {
        String id = createSession("{}");
        json().body("{\"serverId\":\"x\"}").patch(session(id)).then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void patchWhenAbsentThenNotFound() {
        api().contentType(MERGE_PATCH).body("{}").patch(session(newId())).then().statusCode(404);
    }

    @Test
    void patchWhenResultInvalidThenBadRequestNamingField() {
        String id = createSession("{}");
        api().contentType(MERGE_PATCH).body("{\"ttlSeconds\":10}").patch(session(id)).then().statusCode(400)
                .body("errors[0].field", equalTo("ttlSeconds"));
        api().contentType(MERGE_PATCH).body("{\"colour\":\"red\"}").patch(session(id)).then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("colour"));
        api().contentType(MERGE_PATCH).body("[1]").patch(session(id)).then().statusCode(400);
    }

    @Test
    void deleteWhenLiveThenNoContentAndGone() {
        String id = createSession("{}");
        api().delete(session(id)).then().statusCode(204);
        api().get(session(id)).then().statusCode(404);
        api().delete(session(id)).then().statusCode(404);
    }

    @Test
    void deleteWhenIfMatchStaleThenPreconditionFailedAndKept() {
        String id = createSession("{}");
        api().header("If-Match", "\"5\"").delete(session(id)).then().statusCode(412);
        api().get(session(id)).then().statusCode(200);
        api().header("If-Match", "\"1\"").delete(session(id)).then().statusCode(204);
    }
}
