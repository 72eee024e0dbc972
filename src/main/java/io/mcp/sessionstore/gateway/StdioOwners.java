package io.mcp.sessionstore.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.db.Database;
import io.mcp.sessionstore.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Which replica runs each stdio child (table gateway_stdio_children), by a lease the owner renews.
 * Every operation is one statement; the child's key is kept as its SHA-256 only.
 */
@ApplicationScoped
class StdioOwners {

    /** The replica that runs a child, and whether its lease still holds. */
    record Owner(String replica, String url, boolean alive) {
    }

    private static final String LEASE = "now() + CAST(:leaseMillis AS bigint) * interval '1 millisecond'";
    private static final NamedSql CLAIM = NamedSql.of("""
            INSERT INTO gateway_stdio_children (key_hash, server_id, owner, owner_url, lease_until)
            VALUES (:keyHash, :serverId, :owner, :ownerUrl,\s""" + LEASE + ")");
    private static final NamedSql FIND = NamedSql.of("""
            SELECT owner, owner_url, lease_until > now() AS alive FROM gateway_stdio_children WHERE key_hash = :keyHash""");
    /** This replica's children keep their leases; rows of replicas long dead go (nobody else would delete them). */
    private static final NamedSql RENEW = NamedSql.of("""
            WITH renewed AS (
                UPDATE gateway_stdio_children SET lease_until =\s""" + LEASE + """
             WHERE owner = :owner RETURNING 1),
            gone AS (
                DELETE FROM gateway_stdio_children
                WHERE owner <> :owner AND lease_until < now() - CAST(:leaseMillis AS bigint) * interval '4 millisecond'
                RETURNING 1)
            SELECT (SELECT count(*) FROM renewed) AS renewed, (SELECT count(*) FROM gone) AS gone""");
    private static final NamedSql RELEASE = NamedSql.of(
            "DELETE FROM gateway_stdio_children WHERE key_hash = :keyHash AND owner = :owner");
    private static final NamedSql RELEASE_ALL = NamedSql.of("DELETE FROM gateway_stdio_children WHERE owner = :owner");
    /** An expired row found by another replica: gone, unless its owner renewed it meanwhile. */
    private static final NamedSql FORGET = NamedSql.of(
            "DELETE FROM gateway_stdio_children WHERE key_hash = :keyHash AND lease_until < now()");

    private final Database database;
    private final Replica replica;

    StdioOwners(Database database, Replica replica) {
        this.database = database;
        this.replica = replica;
    }

    Uni<Void> claim(String key, String serverId, Duration lease) {
        return database.execute(CLAIM, Map.of("keyHash", hash(key), "serverId", serverId, "owner", replica.id(),
                "ownerUrl", replica.url(), "leaseMillis", lease.toMillis())).replaceWithVoid();
    }

    /** Null when no replica claims the child. */
    Uni<Owner> find(String key) {
        return database.execute(FIND, Map.of("keyHash", hash(key))).map(rows -> {
            for (Row row : rows) {
                return new Owner(row.getString("owner"), row.getString("owner_url"), row.getBoolean("alive"));
            }
            return null;
        });
    }

    Uni<Void> renew(Duration lease) {
        return database.execute(RENEW, Map.of("owner", replica.id(), "leaseMillis", lease.toMillis())).replaceWithVoid();
    }

    Uni<Void> release(String key) {
        return database.execute(RELEASE, Map.of("keyHash", hash(key), "owner", replica.id())).replaceWithVoid();
    }

    Uni<Void> releaseAll() {
        return database.execute(RELEASE_ALL, Map.of("owner", replica.id())).replaceWithVoid();
    }

    Uni<Void> forget(String key) {
        return database.execute(FORGET, Map.of("keyHash", hash(key))).replaceWithVoid();
    }

    boolean mine(Owner owner) {
        return replica.id().equals(owner.replica());
    }

    private static io.vertx.core.buffer.Buffer hash(String key) {
        try {
            return io.vertx.core.buffer.Buffer.buffer(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
