package io.mcp.sessionstore.gateway;

import java.time.Duration;

import io.mcp.sessionstore.mcp.transport.McpHandler.Continuation;
import io.mcp.sessionstore.mcp.transport.StreamSink;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.smallrye.mutiny.Uni;

/** The upstream's standalone stream of a session (what it sends outside any request), relayed into the client's. */
final class StandaloneRelay {

    private static final Duration AGAIN_AFTER = Duration.ofSeconds(1);

    private final Upstream upstream;
    private final UpstreamSessions links;
    private final SessionService sessions;

    StandaloneRelay(Upstream upstream, UpstreamSessions links, SessionService sessions) {
        this.upstream = upstream;
        this.links = links;
        this.sessions = sessions;
    }

    /**
     * The upstream's own standalone stream relayed into the client's while the client reads it (log
     * messages, resource updates, requests outside any call), read again a second after it ends; an
     * upstream that has none (405) ends the relay. A lost upstream session is re-initialized first.
     */
    Continuation of(BoundSession session) {
        if (upstream.transport() == Upstream.Transport.SSE) {
            return null; // its one stream is read by the requests; what comes outside them waits for the next
        }
        return new Continuation() {
            @Override
            public Uni<Void> prepare(StreamSink sink) {
                return Uni.createFrom().voidItem();
            }

            @Override
            public Uni<Void> run(StreamSink sink) {
                return Uni.createFrom().deferred(() -> listenOnce(session, sink))
                        .onFailure().recoverWithItem(true) // unreachable for now: tried again while the client reads
                        .call(again -> again ? Uni.createFrom().voidItem().onItem().delayIt().by(AGAIN_AFTER)
                                : Uni.createFrom().voidItem())
                        .repeat().whilst(again -> again)
                        .collect().last().replaceWithVoid();
            }
        };
    }

    /** One upstream GET relayed to its end; whether to open another. */
    private Uni<Boolean> listenOnce(BoundSession bound, StreamSink sink) {
        return sessions.findFor(SessionScope.ANY, bound.id()).chain(session -> {
            int generation = session.upstream() == null ? 0 : session.upstream().generation();
            return links.listen(links.open(session, session.upstream()), session.view().protocolVersion(), session.id()).chain(stream -> {
                if (stream.status() == 405) {
                    return Uni.createFrom().item(false);
                }
                if (stream.status() == 404 || stream.status() == 400) {
                    return stream.checkedForLoss().chain(checked -> checked.sessionLost()
                            ? links.reinitialize(session, "upstream answered HTTP " + stream.status()
                                    + " to its standalone stream").replaceWith(true)
                            : Uni.createFrom().item(true));
                }
                if (stream.status() != 200) {
                    return Uni.createFrom().item(true);
                }
                return ServerRequestIds.toClient(stream.messages(), generation)
                        .onItem().transformToUniAndConcatenate(relayed -> sink.append(relayed.message()))
                        .collect().last().replaceWith(true);
            });
        });
    }
}
