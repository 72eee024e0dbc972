package io.mcp.sessionstore.db;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** Conversions of the values the reactive client returns. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column as an Instant (null stays null). */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
