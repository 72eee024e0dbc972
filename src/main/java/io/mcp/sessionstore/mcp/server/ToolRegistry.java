package io.mcp.sessionstore.mcp.server;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.mcp.sessionstore.mcp.transport.JsonRpc;

/** Every {@link McpTool} bean, by name: what tools/list lists and tools/call calls. */
@ApplicationScoped
public class ToolRegistry {

    private final Map<String, McpTool> tools = new LinkedHashMap<>();

    public ToolRegistry(Instance<McpTool> beans) {
        beans.stream().sorted(Comparator.comparing(McpTool::name)).forEach(tool -> {
            if (tools.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalStateException("two tools are named " + tool.name());
            }
        });
    }

    /** Null when no tool has this name. */
    public McpTool find(String name) {
        return name == null ? null : tools.get(name);
    }

    public ArrayNode definitions() {
        ArrayNode list = JsonRpc.object().arrayNode();
        tools.values().forEach(tool -> list.add(tool.definition()));
        return list;
    }

    public String names() {
        return String.join(", ", tools.keySet());
    }
}
