package io.mcp.sessionstore.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * Which request each message of an upstream session's one stream answers (a legacy SSE stream, a
 * stdio child's stdout): the stream carries everything the upstream sends, for every request of the
 * session, in one sequence. No I/O here; the stream's reader, timers and callers meet on this
 * object's lock, and futures are completed outside it (what they run next must not run under it).
 */
final class SharedStreamRequests {

    /** Messages that match no pending request, kept for the next one; a silent client must not grow it without end. */
    static final int BACKLOG = 100;

    /** In the order they were sent: unrelated messages go to the oldest. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final ArrayDeque<ObjectNode> backlog = new ArrayDeque<>();
    private boolean closed;

    /**
     * A request about to be POSTed, registered before the POST: its response may come on the stream
     * before the POST's 202. It takes the backlog. Null when the session is closed.
     */
    Pending expect(JsonNode id, JsonNode progressToken) {
        Pending waiting = new Pending(id.toString(), progressToken == null ? null : progressToken.toString());
        synchronized (this) {
            if (closed) {
                return null;
            }
            prune();
            if (pending.containsKey(waiting.id)) {
                // its response could not be told from the other one's
                throw new IllegalStateException("a request with id " + waiting.id + " is already pending on this session");
            }
            pending.put(waiting.id, waiting);
            waiting.messages.addAll(backlog);
            // under the lock, before any route() can give it more: nobody reads live yet, so nothing runs here
            backlog.forEach(waiting.live::onNext);
            backlog.clear();
        }
        return waiting;
    }

    /** The POST of a request was refused: its answer is that status, after what the stream gave it so far. */
    void refused(Pending waiting, int status, List<ObjectNode> body) {
        List<ObjectNode> messages;
        synchronized (this) {
            pending.remove(waiting.id, waiting);
            messages = new ArrayList<>(waiting.messages);
        }
        messages.addAll(body);
        waiting.done.complete(new UpstreamReply(status, null, messages));
        waiting.live.onComplete();
    }

    /**
     * To its request when it is a response; a progress notification to the request with its token;
     * anything else (notifications, the upstream's own requests) to the oldest pending request, or kept
     * for the next. A response nobody waits for (its caller gave up) is dropped: relayed later, it would
     * answer a request the client no longer has.
     */
    void route(ObjectNode message) {
        boolean response = !message.has("method") && message.has("id");
        Pending to = null;
        List<ObjectNode> answered = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            prune();
            if (response) {
                to = pending.remove(message.get("id").toString());
                if (to == null) {
                    return;
                }
            } else {
                JsonNode token = message.path("params").get("progressToken");
                for (Pending waiting : pending.values()) {
                    if (token != null && token.toString().equals(waiting.progressToken)) {
                        to = waiting;
                        break;
                    }
                }
                to = to != null || pending.isEmpty() ? to : pending.values().iterator().next();
            }
            if (to == null) {
                if (backlog.size() == BACKLOG) {
                    backlog.removeFirst();
                }
                backlog.addLast(message);
                return;
            }
            to.messages.add(message);
            to.lastMessage = System.nanoTime();
            if (response) {
                answered = List.copyOf(to.messages);
            }
        }
        to.live.onNext(message); // route() runs on the stream's one event loop: in the stream's order
        if (answered != null) {
            to.done.complete(new UpstreamReply(200, null, answered));
            to.live.onComplete();
        }
    }

    /** One request given up (it got nothing for too long): it fails, the session goes on; its late response is dropped. */
    void abandon(Pending waiting, Throwable why) {
        synchronized (this) {
            pending.remove(waiting.id, waiting);
        }
        waiting.fail(why);
    }

    /** Requests still waiting for their response. */
    synchronized int waiting() {
        prune();
        return pending.size();
    }

    /**
     * Runs {@code onQuiet} once this pending request got nothing for {@code timeout} (its start
     * counts as something): progress keeps a long tool alive, as a byte does on Streamable HTTP.
     * Nothing once it is answered.
     */
    void bound(io.vertx.mutiny.core.Vertx vertx, Pending waiting, java.time.Duration timeout, Runnable onQuiet) {
        long limit = timeout.toNanos();
        long left = Math.max(1, (limit - (System.nanoTime() - lastMessage(waiting))) / 1_000_000);
        vertx.setTimer(left, ignored -> {
            if (waiting.done.isDone()) {
                return;
            }
            if (System.nanoTime() - lastMessage(waiting) < limit) {
                bound(vertx, waiting, timeout, onQuiet);
                return;
            }
            onQuiet.run();
        });
    }

    /** When the stream last carried something for this request (its start, before anything came). */
    synchronized long lastMessage(Pending waiting) {
        return waiting.lastMessage;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** No more requests; those still pending, for the caller to fail. Null when it was closed already. */
    List<Pending> close() {
        synchronized (this) {
            if (closed) {
                return null;
            }
            closed = true;
            List<Pending> left = new ArrayList<>(pending.values());
            pending.clear();
            backlog.clear();
            return left;
        }
    }

    /** Requests whose callers cancelled them: their response would be dropped, and they take nothing more. */
    private void prune() {
        pending.values().removeIf(waiting -> waiting.done.isDone());
    }

    /** A request waiting for its response: the messages the stream carried for it meanwhile, then the response. */
    static final class Pending {
        private final String id;
        private final String progressToken;
        /** Status 200 and every message; or the refused POST's status; or failed (timeout, stream ended). */
        final CompletableFuture<UpstreamReply> done = new CompletableFuture<>();
        /** The same messages as they come, for a caller that relays them at once (a request waiting on the client). */
        final UnicastProcessor<ObjectNode> live = UnicastProcessor.create();
        private final List<ObjectNode> messages = new ArrayList<>();
        private long lastMessage = System.nanoTime();

        private Pending(String id, String progressToken) {
            this.id = id;
            this.progressToken = progressToken;
        }

        /** It can have no response: its session closed, or gave nothing for too long. */
        void fail(Throwable why) {
            done.completeExceptionally(why);
            live.onError(why);
        }
    }
}
