/**
 * The database, as every feature reaches it. Two data stacks, one idiom each:
 * <ul>
 * <li>the Reactive PG client, through {@link io.mcp.sessionstore.db.Database}: every write and every hot
 * read, one prepared statement ({@link io.mcp.sessionstore.db.NamedSql}) or one
 * {@link io.mcp.sessionstore.db.Database#transaction transaction}, never a connection held while
 * anything else waits;</li>
 * <li>Hibernate Reactive with Panache: the entities map the Flyway schema (Hibernate validates it at
 * start), and cold read-only listings use Panache repository methods under {@code @WithSession},
 * called through {@link io.mcp.sessionstore.db.Database#call}.</li>
 * </ul>
 * Both bound every call by SESSION_DB_TIMEOUT and report what the database did to
 * {@link io.mcp.sessionstore.db.DatabaseOutcomes}, which passive readiness trusts: only real database
 * work feeds it.
 */
package io.mcp.sessionstore.db;
