package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.mcp.transport.JsonRpc;

/**
 * After a re-initialize the upstream may offer other capabilities than the client was told at its
 * initialize (a new version of the server, other tools): the client learns it the MCP way, by the
 * {@code list_changed} notification of each list whose capability changed, and lists again.
 */
final class CapabilityChanges {

    private static final List<String> LISTS = List.of("tools", "prompts", "resources");

    private CapabilityChanges() {
    }

    /** The notifications for the lists whose capability differs between two InitializeResults. */
    static List<ObjectNode> notices(JsonNode before, JsonNode after) {
        List<ObjectNode> notices = new ArrayList<>();
        JsonNode was = before == null ? JsonRpc.object() : before.path("capabilities");
        JsonNode is = after == null ? JsonRpc.object() : after.path("capabilities");
        boolean serverChanged = !Objects.equals(before == null ? null : before.path("serverInfo"),
                after == null ? null : after.path("serverInfo"));
        for (String list : LISTS) {
            if (is.has(list) && (serverChanged || !Objects.equals(was.get(list), is.get(list)))) {
                ObjectNode notice = JsonRpc.notification("notifications/" + list + "/list_changed", null);
                notice.remove("params");
                notices.add(notice);
            }
        }
        return notices;
    }
}
