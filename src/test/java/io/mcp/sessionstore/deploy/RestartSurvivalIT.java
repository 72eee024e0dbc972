package io.mcp.sessionstore.deploy;

import static io.mcp.sessionstore.testing.Api.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.ServiceProcess;
import io.restassured.specification.RequestSpecification;

/**
 * The service's whole promise: sessions outlive the process. Every acknowledged (2xx) write is
 * there after SIGKILL and a restart, and any process sharing the database serves any session.
 */
class RestartSurvivalIT {

    private static RequestSpecification on(ServiceProcess service) {
        return given().baseUri(service.baseUri()).urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + ServiceProcess.KEY).contentType("application/json");
    }

    @Test
    void sessionsWhenServiceKilledAndRestartedThenAllAcknowledgedWritesThere() {
        List<String> ids = new ArrayList<>();
        try (ServiceProcess first = new ServiceProcess("restart-1", Map.of()).start()) {
            for (int i = 0; i < 20; i++) {
                String id = "survivor-" + i + "-" + System.nanoTime();
                on(first).body("{\"serverId\":\"restart-it\",\"attributes\":{\"n\":" + i + "}}").put(session(id))
                        .then().statusCode(201);
                for (int call = 0; call < 3; call++) {
                    on(first).body("{\"toolCall\":{\"name\":\"tool-" + call + "\",\"durationMs\":5}}")
                            .post(session(id) + "/activity").then().statusCode(200);
                }
                ids.add(id);
            }
            first.kill(); // SIGKILL right after the last acknowledged write
        }
        try (ServiceProcess restarted = new ServiceProcess("restart-2", Map.of()).start()) {
            for (int i = 0; i < ids.size(); i++) {
                on(restarted).get(session(ids.get(i))).then().statusCode(200)
                        .body("attributes.n", equalTo(i))
                        .body("metrics.requests", equalTo(3))
                        .body("metrics.toolCalls", equalTo(3))
                        .body("recentToolCalls", hasSize(3))
                        .body("version", equalTo(4));
            }
            on(restarted).post(session(ids.get(0)) + "/activity").then().statusCode(200)
                    .body("metrics.requests", equalTo(4));
        }
    }

    @Test
    void sessionWhenTwoProcessesShareTheDatabaseThenEitherServesIt() {
        try (ServiceProcess a = new ServiceProcess("replica-a", Map.of()).start();
                ServiceProcess b = new ServiceProcess("replica-b", Map.of()).start()) {
            String id = on(a).body("{\"serverId\":\"two-replicas\"}").post("/sessions").then().statusCode(201)
                    .extract().path("id");
            on(b).get(session(id)).then().statusCode(200).body("serverId", equalTo("two-replicas"));
            on(b).contentType("application/merge-patch+json").body("{\"attributes\":{\"via\":\"b\"}}")
                    .patch(session(id)).then().statusCode(200);
            on(a).post(session(id) + "/activity").then().statusCode(200);
            on(a).get(session(id)).then().statusCode(200).body("attributes.via", equalTo("b"))
                    .body("metrics.requests", equalTo(1)).body("version", equalTo(3));
            on(b).header("If-Match", "\"3\"").delete(session(id)).then().statusCode(204);
            on(a).get(session(id)).then().statusCode(404);
        }
    }
}
