package io.mcp.sessionstore.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * An upstream's stream for one request, cut where the client must act or should see it at once: up
 * to the response (the usual case), up to a request the upstream sends the client (sampling,
 * elicitation, roots), which the upstream waits on, up to the first progress notification of a
 * long call, or up to what came when the call is still going after a while. In the last three
 * cases the rest of the stream goes on as {@code rest}.
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

    /**
     * {@code liveAfter}: a call with no response by then goes live too (null: never), so that every
     * long call's stream is open to the client and can be taken over, progress or not.
     */
    static Uni<Split> split(Multi<UpstreamMessage> messages, JsonNode id, Duration liveAfter) {
        return Uni.createFrom().emitter(emitter -> {
            // the upstream's messages and the timer meet here: one at a time
            Object lock = new Object();
            List<UpstreamMessage> head = new ArrayList<>();
            UnicastProcessor<UpstreamMessage> rest = UnicastProcessor.create();
            AtomicInteger state = new AtomicInteger(READING);
            ScheduledFuture<?> timer = liveAfter == null ? null : Infrastructure.getDefaultWorkerPool().schedule(() -> {
                synchronized (lock) {
                    if (state.compareAndSet(READING, HANDED_OVER)) {
                        emitter.complete(new Split(List.copyOf(head), null, rest));
                    }
                }
            }, liveAfter.toMillis(), TimeUnit.MILLISECONDS);
            messages.subscribe().with(relayed -> {
                synchronized (lock) {
                    ObjectNode message = relayed.message();
                    switch (state.get()) {
                        case HANDED_OVER -> rest.onNext(relayed);
                        case READING -> {
                            head.add(relayed);
                            if (id.equals(message.get("id")) && (message.has("result") || message.has("error"))) {
                                state.set(ANSWERED);
                                cancel(timer);
                                emitter.complete(new Split(List.copyOf(head), message, null));
                            } else if (message.has("method") && (message.has("id") || isProgress(message))) {
                                state.set(HANDED_OVER);
                                cancel(timer);
                                emitter.complete(new Split(List.copyOf(head), null, rest));
                            }
                        }
                        default -> { } // after the response: nothing more belongs to this request
                    }
                }
            }, failure -> {
                synchronized (lock) {
                    cancel(timer);
                    switch (state.get()) {
                        case HANDED_OVER -> rest.onError(failure);
                        case READING -> {
                            state.set(ANSWERED);
                            emitter.fail(failure);
                        }
                        default -> { }
                    }
                }
            }, () -> {
                synchronized (lock) {
                    cancel(timer);
                    switch (state.get()) {
                        case HANDED_OVER -> rest.onComplete();
                        case READING -> {
                            state.set(ANSWERED);
                            emitter.complete(new Split(List.copyOf(head), null, null));
                        }
                        default -> { }
                    }
                }
            });
        });
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
