package io.mcp.sessionstore.mcp.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Who answers on an endpoint: the one serverInfo of initialize, server/discover and 2026-07-28 _meta. */
public record ServerInfo(String name, String version) {

    public ObjectNode toJson() {
        return JsonRpc.object().put("name", name).put("version", version);
    }
}
