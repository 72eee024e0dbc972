package io.mcp.sessionstore.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The tools of {@link JavaSdkUpstream}, one per thing the gateway must relay: a plain call
 * ({@code add}), a long call with progress ({@code slow-count}), and a call that cannot finish until
 * the client answers a request of the server ({@code ask-the-client}, sampling).
 */
final class JavaSdkTools {

    /** Between two progress steps of slow-count: long enough that a buffered stream would show. */
    static final Duration STEP = Duration.ofMillis(200);

    private JavaSdkTools() {
    }

    /** {@code meta}: gets the params._meta of every call (the trace context the gateway forwards). */
    static List<SyncToolSpecification> all(AtomicInteger slowCountsFinished, java.util.Queue<Map<String, Object>> meta) {
        return List.of(add(), slowCount(slowCountsFinished), askTheClient()).stream()
                .map(tool -> SyncToolSpecification.builder().tool(tool.tool()).callHandler((exchange, request) -> {
                    meta.add(request.meta() == null ? Map.of() : Map.copyOf(request.meta()));
                    return tool.callHandler().apply(exchange, request);
                }).build()).toList();
    }

    private static SyncToolSpecification add() {
        return tool("add", "The sum of two integers", integers("a", "b"), (exchange, request) ->
                text(Long.toString(integer(request, "a") + integer(request, "b"))));
    }

    /** One notifications/progress per step (to the request's progressToken, if it sent one), then the result. */
    private static SyncToolSpecification slowCount(AtomicInteger finished) {
        return tool("slow-count", "Counts to steps, one step every 200 ms, with progress", integers("steps"),
                (exchange, request) -> {
                    long steps = integer(request, "steps");
                    Object token = request.progressToken();
                    for (int step = 1; step <= steps; step++) {
                        LockSupport.parkNanos(STEP.toNanos()); // the tool's own pace, not a test waiting
                        if (token != null) {
                            exchange.progressNotification(new McpSchema.ProgressNotification(token, step,
                                    (double) steps, "step " + step));
                        }
                    }
                    finished.incrementAndGet();
                    return text("counted " + steps);
                });
    }

    /** Asks the client to sample through the SDK's exchange: the request goes out on the call's own stream. */
    private static SyncToolSpecification askTheClient() {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("prompt", Map.of("type", "string")), "required", List.of("prompt"));
        return tool("ask-the-client", "Asks the client to sample a message and returns its text", schema,
                (exchange, request) -> {
                    McpSchema.CreateMessageResult sampled = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                            .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                    new McpSchema.TextContent(String.valueOf(request.arguments().get("prompt"))))))
                            .maxTokens(50).build());
                    return text(sampled.content() instanceof McpSchema.TextContent content ? content.text()
                            : "not text: " + sampled.content());
                });
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
            java.util.function.BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> call) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(inputSchema).build())
                .callHandler(call).build();
    }

    private static Map<String, Object> integers(String... names) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (String name : names) {
            properties.put(name, Map.of("type", "integer"));
        }
        return Map.of("type", "object", "properties", properties, "required", List.of(names));
    }

    private static long integer(McpSchema.CallToolRequest request, String name) {
        return ((Number) request.arguments().get(name)).longValue();
    }

    private static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).build();
    }
}
