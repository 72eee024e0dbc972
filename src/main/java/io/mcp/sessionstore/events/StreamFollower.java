package io.mcp.sessionstore.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Follows a stream that is still being written, on this replica or another: what the store holds
 * after an event, then each new event as it is stored, until the one that ends the stream (a
 * response) or a time bound. The table is the truth; a wake-up (an append here, a NOTIFY from
 * another replica) only says when to read it again, and without one a read comes every poll interval.
 */
@ApplicationScoped
public class StreamFollower {

    private final EventService events;
    private final StreamWakeups wakeups;
    private final EventsConfig config;

    StreamFollower(EventService events, StreamWakeups wakeups, EventsConfig config) {
        this.events = events;
        this.wakeups = wakeups;
        this.config = config;
    }

    /** Where a follow is: the last event sent, and whether the stream ended. */
    private static final class Position {
        /** Null until the first event: the stream is read from its start. */
        String lastId;
        final String streamId;
        boolean ended;
        final long deadline;
        final Predicate<byte[]> ends;

        Position(String streamId, String lastId, long deadline, Predicate<byte[]> ends) {
            this.streamId = streamId;
            this.lastId = lastId;
            this.deadline = deadline;
            this.ends = ends;
        }

        /** The events up to the one that ends the stream (all of them when none does). */
        List<ServerSentEvents.Event> take(List<ServerSentEvents.Event> read) {
            for (int i = 0; i < read.size(); i++) {
                if (read.get(i).data() != null && ends.test(read.get(i).data())) {
                    ended = true;
                    return read.subList(0, i + 1);
                }
            }
            lastId = read.getLast().id();
            return read;
        }

        boolean going() {
            return !ended && System.nanoTime() < deadline;
        }
    }

    /**
     * The events of the stream of {@code afterEventId}, strictly after it, as they are stored; it ends
     * after the first one whose data {@code ends} accepts, or after the follow bound
     * (MCP_STREAM_FOLLOW_MAX). Fails like {@link EventService#replayAfter} when the id is unknown or trimmed.
     */
    public Multi<ServerSentEvents.Event> follow(String sessionId, String afterEventId, Predicate<byte[]> ends) {
        return follow(sessionId, new Position(null, afterEventId, System.nanoTime() + config.followMax().toNanos(), ends));
    }

    /** The same for a stream that has no event yet: from its first one. */
    public Multi<ServerSentEvents.Event> followFromStart(String sessionId, String streamId, Predicate<byte[]> ends) {
        return follow(sessionId, new Position(streamId, null, System.nanoTime() + config.followMax().toNanos(), ends));
    }

    /**
     * Every event of the session after {@code after} (null: from its first), across all its streams,
     * in the order they are stored, with no bound of time (a legacy SSE client's stream lasts as long
     * as its connection): one page per read, empty when a poll interval passed with nothing new, so
     * that the reader can tell a quiet stream. Fails like {@link EventService#replaySessionAfter}, and
     * with NotFoundException once the session is gone.
     */
    public Multi<List<ServerSentEvents.Event>> followSession(String sessionId, EventId after) {
        EventId[] last = {after};
        return Multi.createBy().repeating().uni(() -> nextOfSession(sessionId, last)).indefinitely();
    }

    private Uni<List<ServerSentEvents.Event>> nextOfSession(String sessionId, EventId[] last) {
        return readOrWait(sessionId, () -> events.replaySessionAfter(sessionId, last[0], EventService.MAX_PAGE)
                .invoke(read -> {
                    if (!read.isEmpty()) {
                        last[0] = EventId.parse(read.getLast().id());
                    }
                }), config.followPollInterval());
    }

    private Multi<ServerSentEvents.Event> follow(String sessionId, Position position) {
        return Multi.createBy().repeating().uni(() -> next(sessionId, position)).whilst(page -> position.going())
                .onItem().transformToIterable(page -> page);
    }

    private Uni<List<ServerSentEvents.Event>> next(String sessionId, Position position) {
        Uni<EventPage> page = position.lastId == null
                ? events.readStream(sessionId, position.streamId, null, EventService.MAX_PAGE)
                : events.replayAfter(sessionId, position.lastId, EventService.MAX_PAGE);
        Duration wait = Duration.ofNanos(Math.max(1, Math.min(config.followPollInterval().toNanos(),
                position.deadline - System.nanoTime())));
        return readOrWait(sessionId, () -> page.map(stored -> {
            List<ServerSentEvents.Event> read = stored.toServerSentEvents();
            return read.isEmpty() ? read : position.take(read);
        }), wait);
    }

    /**
     * One read; when it found nothing, an empty page once a wake-up came (an append here, or a NOTIFY
     * from another replica) or {@code wait} passed. Armed before the read, so an append between the
     * read and the wait is not missed.
     */
    private Uni<List<ServerSentEvents.Event>> readOrWait(String sessionId,
            java.util.function.Supplier<Uni<List<ServerSentEvents.Event>>> read, Duration wait) {
        CompletableFuture<Void> wakeup = wakeups.arm(sessionId);
        return Uni.createFrom().<List<ServerSentEvents.Event>>deferred(read::get).chain(page -> !page.isEmpty() ? Uni.createFrom().item(page)
                : Uni.createFrom().completionStage(wakeup).ifNoItem().after(wait).recoverWithItem((Void) null)
                        .replaceWith(List.<ServerSentEvents.Event>of()))
                .eventually(() -> wakeups.disarm(sessionId, wakeup));
    }
}
