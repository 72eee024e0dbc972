package io.mcp.sessionstore.cleanup;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.common.ExpiredUpstreamLinks;
import io.mcp.sessionstore.db.Database;
import io.mcp.sessionstore.db.NamedSql;
import io.mcp.sessionstore.events.EventService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** The statement of a cleanup pass, one transaction per batch on the reactive client. */
@ApplicationScoped
class CleanupRepository {

    /**
     * Deletes up to {@code batchSize} sessions that expired more than {@code graceSeconds} ago, the
     * earliest first. Rows another pass (on any replica) or a live request holds are skipped, not
     * waited for: passes never block each other or the activity endpoint, and never deadlock. The
     * outer condition re-checks the expiry of each locked row, so a session whose expiry moved
     * meanwhile is kept. The locked rows are addressed by their physical location (ctid), which they
     * keep while locked, rather than looking each id up again in the primary key. One row comes
     * back, not one per session: decoding thousands of rows per batch made the JIT recompile the
     * client's hot paths at the start of a pass (docs/design-notes.md).
     */
    static final String DELETE_EXPIRED_BATCH = """
            WITH deleted AS (
                DELETE FROM sessions
                WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM sessions
                    WHERE cleanup_due_at < now() - CAST(:graceSeconds AS integer) * interval '1 second'
                      AND expires_at < now() - CAST(:graceSeconds AS integer) * interval '1 second'
                    ORDER BY cleanup_due_at
                    LIMIT :batchSize
                    FOR UPDATE SKIP LOCKED))
                  AND expires_at < now() - CAST(:graceSeconds AS integer) * interval '1 second'
                RETURNING id, event_seq > 0 AS had_events, server_id, upstream_session)
            SELECT count(*) AS deleted,
                   coalesce(array_agg(id) FILTER (WHERE had_events), '{}') AS with_events,
                   coalesce(array_agg(id) FILTER (WHERE upstream_session IS NOT NULL), '{}') AS linked,
                   coalesce(array_agg(server_id) FILTER (WHERE upstream_session IS NOT NULL), '{}') AS linked_servers,
                   coalesce(array_agg(encode(upstream_session, 'hex')) FILTER (WHERE upstream_session IS NOT NULL), '{}')
                       AS linked_upstreams
            FROM deleted""";

    private static final NamedSql BATCH = NamedSql.of(DELETE_EXPIRED_BATCH);

    private final Database database;

    CleanupRepository(Database database) {
        this.database = database;
    }

    /** What one batch deleted: how many sessions, and the upstream links of the gateway sessions among them. */
    record Batch(int deleted, List<ExpiredUpstreamLinks.Link> links) {
    }

    /** One batch and the events of the sessions it deleted, in one transaction. */
    Uni<Batch> deleteExpiredBatch(int graceSeconds, int batchSize) {
        return database.transaction(connection -> connection.preparedQuery(BATCH.sql())
                .execute(BATCH.bind(Map.of("graceSeconds", graceSeconds, "batchSize", (long) batchSize)))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    return EventService.deleteOf(connection, row.getArrayOfStrings("with_events"))
                            .replaceWith(new Batch(row.getLong("deleted").intValue(), links(row)));
                }));
    }

    private static List<ExpiredUpstreamLinks.Link> links(Row row) {
        String[] ids = row.getArrayOfStrings("linked");
        String[] servers = row.getArrayOfStrings("linked_servers");
        String[] upstreams = row.getArrayOfStrings("linked_upstreams");
        List<ExpiredUpstreamLinks.Link> links = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            links.add(new ExpiredUpstreamLinks.Link(ids[i], servers[i], HexFormat.of().parseHex(upstreams[i])));
        }
        return links;
    }
}
