package io.mcp.sessionstore.session;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of POST /sessions/{id}/activity. With no body, or with counters left out: one request,
 * one tool call when {@code toolCall} is given (else none), no error.
 */
public record ActivityRequest(
        @PositiveOrZero @Max(MAX_INCREMENT) Long requests,
        @PositiveOrZero @Max(MAX_INCREMENT) Long toolCalls,
        @PositiveOrZero @Max(MAX_INCREMENT) Long errors,
        @Valid ToolCallInput toolCall) {

    public static final long MAX_INCREMENT = 1_000_000;

    public static final ActivityRequest ONE_REQUEST = new ActivityRequest(null, null, null, null);

    public long requestIncrement() {
        return requests == null ? 1 : requests;
    }

    public long toolCallIncrement() {
        return toolCalls != null ? toolCalls : toolCall == null ? 0 : 1;
    }

    public long errorIncrement() {
        return errors == null ? 0 : errors;
    }

    Activity toActivity() {
        List<ToolCall> calls = toolCall == null ? List.of()
                : List.of(new ToolCall(toolCall.name(), toolCall.durationMs(), toolCall.ok() == null || toolCall.ok()));
        return new Activity(requestIncrement(), toolCallIncrement(), errorIncrement(), calls, false);
    }

    public record ToolCallInput(
            @NotBlank @Size(max = 256) String name,
            @PositiveOrZero Long durationMs,
            Boolean ok) {
    }
}
