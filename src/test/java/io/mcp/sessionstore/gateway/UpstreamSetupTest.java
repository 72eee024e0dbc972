package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;
import io.mcp.sessionstore.mcp.transport.JsonRpcParser;

class UpstreamSetupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonRpcMessage.Request request(String method, String params) throws Exception {
        return (JsonRpcMessage.Request) JsonRpcParser.message(JSON.readTree(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"));
    }

    @Test
    void afterWhenLevelsAndSubscriptionsThenLastLevelAndEachLiveSubscriptionOnce() throws Exception {
        JsonNode setup = null;
        setup = UpstreamSetup.after(setup, request("logging/setLevel", "{\"level\":\"info\"}"));
        setup = UpstreamSetup.after(setup, request("resources/subscribe", "{\"uri\":\"a://1\"}"));
        setup = UpstreamSetup.after(setup, request("resources/subscribe", "{\"uri\":\"a://1\"}"));
        setup = UpstreamSetup.after(setup, request("resources/subscribe", "{\"uri\":\"a://2\"}"));
        setup = UpstreamSetup.after(setup, request("logging/setLevel", "{\"level\":\"error\"}"));
        setup = UpstreamSetup.after(setup, request("resources/unsubscribe", "{\"uri\":\"a://2\"}"));
        assertEquals(JSON.readTree("""
                [{"method":"resources/subscribe","params":{"uri":"a://1"}},
                 {"method":"logging/setLevel","params":{"level":"error"}}]"""), setup);
        List<String> replayed = UpstreamSetup.replay(setup).stream()
                .map(r -> r.path("id").asText() + " " + r.path("method").asText()).toList();
        assertEquals(List.of("gateway-setup-1 resources/subscribe", "gateway-setup-2 logging/setLevel"), replayed);
    }
}
