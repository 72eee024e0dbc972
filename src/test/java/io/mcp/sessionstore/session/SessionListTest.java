package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SessionListTest {

    @Test
    void listWhenPagedThenEverySessionOnceInIdOrder() {
        String serverId = "list-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "list-" + i + "-" + UUID.randomUUID();
            json().body("{\"serverId\":\"" + serverId + "\"}").put(session(id)).then().statusCode(201);
            ids.add(id);
        }
        json().body("{\"serverId\":\"another-server\"}").put(session("list-other-" + UUID.randomUUID())).then()
                .statusCode(201);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = api().queryParam("serverId", serverId).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/sessions");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(3, pages);
        assertEquals(ids.stream().sorted().toList(), seen);
    }

    @Test
    void listWhenNoParametersThenDefaultLimitAndActiveOnly() {
        api().get("/sessions").then().statusCode(200).body("items.size() <= 100", equalTo(true));
    }

    @Test
    void listWhenParametersInvalidThenBadRequest() {
        api().queryParam("limit", 0).get("/sessions").then().statusCode(400).contentType("application/problem+json");
        api().queryParam("limit", 501).get("/sessions").then().statusCode(400);
        api().queryParam("limit", "ten").get("/sessions").then().statusCode(400);
        api().queryParam("state", "dead").get("/sessions").then().statusCode(400);
        api().queryParam("cursor", "!!not-base64!!").get("/sessions").then().statusCode(400);
    }
}
