package io.mcp.sessionstore.sql;

import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Statements that go through Hibernate Reactive rather than the reactive client. */
public final class HibernateStatements {

    private HibernateStatements() {
    }

    /**
     * The statement on a Hibernate Reactive session opened for it (or the caller's, if one is open).
     * A session holds a connection from open to close: opened around a whole request, it would sit
     * on one while the reactive-client statements of that request wait for another.
     */
    public static <T> Uni<T> inSession(Function<Mutiny.Session, Uni<T>> statement) {
        return Panache.withSession(() -> Panache.getSession().chain(statement::apply));
    }
}
