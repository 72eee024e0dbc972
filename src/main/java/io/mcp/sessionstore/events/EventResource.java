package io.mcp.sessionstore.events;

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

import io.mcp.sessionstore.health.DatabaseCalls;
import io.smallrye.mutiny.Uni;

/** The events of a session's resumable streams; JSON, or SSE with {@code Accept: text/event-stream}. */
@Path("/sessions/{id}")
@Tag(name = "events")
public class EventResource {

    private final EventService service;
    private final DatabaseCalls database;

    public EventResource(EventService service, DatabaseCalls database) {
        this.service = service;
        this.database = database;
    }

    @POST
    @Path("streams/{streamId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> append(@PathParam("id") String id, @PathParam("streamId") String streamId,
            AppendRequest request) {
        return database.bounded(service.append(id, streamId, request))
                .map(result -> Response.status(Response.Status.CREATED).entity(result).build());
    }

    @GET
    @Path("events")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    public Uni<Response> replay(@PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return database.bounded(service.replayAfter(id, after, limit)).map(page -> render(page, accept));
    }

    @GET
    @Path("streams/{streamId}/events")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    public Uni<Response> stream(@PathParam("id") String id, @PathParam("streamId") String streamId,
            @QueryParam("after") String after, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return database.bounded(service.readStream(id, streamId, after, limit)).map(page -> render(page, accept));
    }

    private static Response render(EventPage page, String accept) {
        if (prefersEventStream(accept)) {
            return Response.ok(page.toServerSentEvents(), MediaType.SERVER_SENT_EVENTS + ";charset=UTF-8").build();
        }
        return Response.ok(page, MediaType.APPLICATION_JSON).build();
    }

    /** SSE only when asked for it and not also for JSON: JSON is the default. */
    private static boolean prefersEventStream(String accept) {
        return accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)
                && !accept.contains(MediaType.APPLICATION_JSON);
    }
}
