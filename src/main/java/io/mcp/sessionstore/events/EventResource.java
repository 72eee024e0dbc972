package io.mcp.sessionstore.events;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mcp.sessionstore.common.InvalidInputException;
import io.mcp.sessionstore.common.Limits;
import io.smallrye.mutiny.Uni;

/** The events of a session's resumable streams; JSON, or SSE with {@code Accept: text/event-stream}. */
@Path("/sessions/{id}")
@Tag(name = "events")
public class EventResource {

    static final int RECENT_DEFAULT = 20;
    static final int RECENT_MAX = 100;

    private final EventService service;

    public EventResource(EventService service) {
        this.service = service;
    }

    @POST
    @Path("streams/{streamId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> append(@PathParam("id") String id, @PathParam("streamId") String streamId,
            AppendRequest request) {
        if (request == null) {
            throw new InvalidInputException("invalid-append", "send either \"message\" or \"messages\"");
        }
        return service.append(id, streamId, request.eventMessages()).map(ids -> Response.status(Response.Status.CREATED)
                .entity(new AppendResult(streamId, ids)).build());
    }

    @GET
    @Path("events")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    public Uni<Response> replay(@PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        int pageSize = Limits.parse(limit, EventService.MAX_PAGE, EventService.MAX_PAGE);
        return service.replayAfter(id, after, pageSize).map(page -> render(page, accept));
    }

    /**
     * A session's newest stored events across its streams, newest first, without their messages
     * (ids, stream, stored size, time): what the status page lists. Empty for an unknown session.
     */
    @GET
    @Path("events/recent")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<EventService.RecentEvent>> recent(@PathParam("id") String id,
            @QueryParam("limit") String limit) {
        return service.recent(id, Limits.parse(limit, RECENT_DEFAULT, RECENT_MAX));
    }

    @GET
    @Path("streams/{streamId}/events")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    public Uni<Response> stream(@PathParam("id") String id, @PathParam("streamId") String streamId,
            @QueryParam("after") String after, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        int pageSize = Limits.parse(limit, EventService.MAX_PAGE, EventService.MAX_PAGE);
        return service.readStream(id, streamId, after, pageSize).map(page -> render(page, accept));
    }

    private static Response render(EventPage page, String accept) {
        if (prefersEventStream(accept)) {
            return Response.ok(ServerSentEvents.write(page.toServerSentEvents(), null), ServerSentEvents.MEDIA_TYPE)
                    .build();
        }
        return Response.ok(page, MediaType.APPLICATION_JSON).build();
    }

    /** SSE only when asked for it and not also for JSON: JSON is the default. */
    private static boolean prefersEventStream(String accept) {
        return accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)
                && !accept.contains(MediaType.APPLICATION_JSON);
    }
}
