package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CapabilityChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode result(String capabilities, String version) throws Exception {
        return JSON.readTree("{\"capabilities\":" + capabilities + ",\"serverInfo\":{\"name\":\"s\",\"version\":\""
                + version + "\"}}");
    }

    private static List<String> methods(List<ObjectNode> notices) {
        return notices.stream().map(notice -> notice.path("method").asText()).toList();
    }

    @Test
    void noticesWhenTheSameServerAndCapabilitiesThenNone() throws Exception {
        JsonNode same = result("{\"tools\":{\"listChanged\":true},\"prompts\":{}}", "1");
        assertEquals(List.of(), CapabilityChanges.notices(same, result("{\"tools\":{\"listChanged\":true},\"prompts\":{}}", "1")));
    }

    @Test
    void noticesWhenAListCapabilityChangedOrAppearedThenItsListChanged() throws Exception {
        assertEquals(List.of("notifications/tools/list_changed", "notifications/resources/list_changed"),
                methods(CapabilityChanges.notices(result("{\"tools\":{}}", "1"),
                        result("{\"tools\":{\"listChanged\":true},\"resources\":{}}", "1"))));
    }

    @Test
    void noticesWhenTheServerVersionChangedThenEveryListItOffers() throws Exception {
        List<ObjectNode> notices = CapabilityChanges.notices(result("{\"tools\":{},\"prompts\":{}}", "1"),
                result("{\"tools\":{},\"prompts\":{}}", "2"));
        assertEquals(List.of("notifications/tools/list_changed", "notifications/prompts/list_changed"), methods(notices));
        assertEquals("2.0", notices.getFirst().path("jsonrpc").asText());
    }
}
