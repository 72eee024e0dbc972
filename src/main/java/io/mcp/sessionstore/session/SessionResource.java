package io.mcp.sessionstore.session;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.common.InvalidInputException;
import io.smallrye.mutiny.Uni;

/** HTTP over {@link SessionService}: statuses, ETags, Location. Every route needs an API key. */
@Path("/sessions")
@Tag(name = "sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final SessionService service;

    public SessionResource(SessionService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SessionView>> create(SessionFields fields) {
        return service.create(fields).map(session -> RestResponse.ResponseBuilder
                .<SessionView>created(location(session.id())).entity(session)
                .header(HttpHeaders.ETAG, Precondition.etag(session.version())).build());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SessionView>> put(@PathParam("id") String id, SessionFields fields,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Precondition precondition = Precondition.parse(ifMatch, ifNoneMatch);
        return service.put(id, fields, precondition).map(written -> {
            var response = written.created()
                    ? RestResponse.ResponseBuilder.<SessionView>created(location(id))
                    : RestResponse.ResponseBuilder.<SessionView>ok();
            return response.entity(written.session())
                    .header(HttpHeaders.ETAG, Precondition.etag(written.session().version())).build();
        });
    }

    @GET
    @Path("{id}")
    public Uni<RestResponse<SessionView>> get(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return service.get(id).map(session -> {
            String etag = Precondition.etag(session.version());
            if (Precondition.noneMatchHits(ifNoneMatch, session.version())) {
                return RestResponse.ResponseBuilder.<SessionView>notModified().header(HttpHeaders.ETAG, etag).build();
            }
            return RestResponse.ResponseBuilder.ok(session).header(HttpHeaders.ETAG, etag).build();
        });
    }

    @PATCH
    @Path("{id}")
    @Consumes(MERGE_PATCH_JSON)
    public Uni<RestResponse<SessionView>> patch(@PathParam("id") String id, JsonNode patch,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Precondition precondition = Precondition.parse(ifMatch, null);
        if (patch == null) {
            throw new InvalidInputException("invalid-patch", "a merge patch body is required");
        }
        return service.patch(id, patch, precondition).map(session -> RestResponse.ResponseBuilder
                .ok(session).header(HttpHeaders.ETAG, Precondition.etag(session.version())).build());
    }

    @POST
    @Path("{id}/activity")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ActivityResult> recordActivity(@PathParam("id") String id, ActivityRequest activity) {
        return service.recordActivity(id, activity);
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Precondition precondition = Precondition.parse(ifMatch, null);
        return service.delete(id, precondition).map(ignored -> RestResponse.noContent());
    }

    @GET
    public Uni<SessionPage> list(@QueryParam("serverId") String serverId, @QueryParam("state") String state,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return service.list(serverId, ListQuery.parse(state, limit, cursor));
    }

    private static URI location(String id) {
        return UriBuilder.fromPath("/sessions/{id}").build(id);
    }
}
