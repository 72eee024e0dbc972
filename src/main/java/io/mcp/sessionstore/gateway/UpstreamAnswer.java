package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * An upstream's stream for one request, cut where the client must act or should see it at once: up
 * to the response (the usual case), up to a request the upstream sends the client (sampling,
 * elicitation, roots), which the upstream waits on, or up to the first progress notification of a
 * long call. In the last two cases the rest of the stream goes on as {@code rest}.
 */
final class UpstreamAnswer {

    /** The messages up to the cut, the response among them (null when cut before it), and the rest (or null). */
    record Split(List<UpstreamMessage> head, ObjectNode response, Multi<UpstreamMessage> rest) {

        List<ObjectNode> headMessages() {
            return head.stream().map(UpstreamMessage::message).toList();
        }

        /** The upstream stream's last event id in the head: where the rest starts, should it be resumed. */
        String headEventId() {
            return head.isEmpty() ? null : head.getLast().eventId();
        }
    }

    private static final int READING = 0;
    private static final int ANSWERED = 1;
    private static final int HANDED_OVER = 2;

    private UpstreamAnswer() {
    }

    /** Progress says the call is a long one: the client gets it now, and the rest as it comes. */
    private static boolean isProgress(ObjectNode message) {
        return "notifications/progress".equals(message.path("method").asText());
    }

    static Uni<Split> split(Multi<UpstreamMessage> messages, JsonNode id) {
        return Uni.createFrom().emitter(emitter -> {
            List<UpstreamMessage> head = new ArrayList<>();
            UnicastProcessor<UpstreamMessage> rest = UnicastProcessor.create();
            AtomicInteger state = new AtomicInteger(READING);
            messages.subscribe().with(relayed -> {
                ObjectNode message = relayed.message();
                switch (state.get()) {
                    case HANDED_OVER -> rest.onNext(relayed);
                    case READING -> {
                        head.add(relayed);
                        if (id.equals(message.get("id")) && (message.has("result") || message.has("error"))) {
                            state.set(ANSWERED);
                            emitter.complete(new Split(List.copyOf(head), message, null));
                        } else if (message.has("method") && (message.has("id") || isProgress(message))) {
                            state.set(HANDED_OVER);
                            emitter.complete(new Split(List.copyOf(head), null, rest));
                        }
                    }
                    default -> { } // after the response: nothing more belongs to this request
                }
            }, failure -> {
                switch (state.get()) {
                    case HANDED_OVER -> rest.onError(failure);
                    case READING -> emitter.fail(failure);
                    default -> { }
                }
            }, () -> {
                switch (state.get()) {
                    case HANDED_OVER -> rest.onComplete();
                    case READING -> emitter.complete(new Split(List.copyOf(head), null, null));
                    default -> { }
                }
            });
        });
    }
}
