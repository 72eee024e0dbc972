package io.mcp.sessionstore.db;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * One CLIENT span per round trip of a batched hot statement. A batch serves requests of several
 * traces: its span is a child of the request that opened it (the first in the batch) and links to
 * each other one, the OpenTelemetry way of a batch (a span has one parent). Attributes: the
 * statement's name, the form and the number of requests; never a parameter (session ids, messages).
 */
final class BatchSpans {

    static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("mcp.db.statement");
    static final AttributeKey<String> FORM = AttributeKey.stringKey("mcp.db.batch.form");
    static final AttributeKey<Long> SIZE = AttributeKey.longKey("db.operation.batch.size");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");

    private final Tracer tracer;

    BatchSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** {@code callers}: the trace context of each request in the batch, in batch order. */
    Span start(HotStatement statement, StatementBatcher.Form form, List<Context> callers) {
        SpanBuilder span = tracer.spanBuilder("db.batch " + statement.name()).setSpanKind(SpanKind.CLIENT)
                .setParent(callers.getFirst())
                .setAttribute(SYSTEM, "postgresql")
                .setAttribute(STATEMENT, statement.name())
                .setAttribute(FORM, form.tag())
                .setAttribute(SIZE, (long) callers.size());
        for (Context caller : callers.subList(1, callers.size())) {
            SpanContext other = Span.fromContext(caller).getSpanContext();
            if (other.isValid()) {
                span.addLink(other);
            }
        }
        return span.startSpan();
    }

    static void end(Span span, Throwable failure) {
        if (failure != null) {
            // the failure's class only: a PostgreSQL message can quote the values it refused
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }
}
