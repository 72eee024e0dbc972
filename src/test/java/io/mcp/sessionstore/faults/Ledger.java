package io.mcp.sessionstore.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every write the load sent, as its client knows it: acknowledged (2xx) or ambiguous (503, no
 * answer: it may have committed all the same). The audit reads the database afterwards and checks
 * the promise: every acknowledged write is there (none lost), and nothing is there twice or beyond
 * what was sent (no duplicate).
 */
final class Ledger {

    /** One session's writes. Each session is written by one load worker only, so in sequence. */
    static final class Session {
        final String id;
        final AtomicLong ackedIncrements = new AtomicLong();
        final AtomicLong ambiguousIncrements = new AtomicLong();
        final List<Long> ackedEvents = new ArrayList<>();
        final List<Long> ambiguousEvents = new ArrayList<>();

        Session(String id) {
            this.id = id;
        }
    }

    /** What the audit found. */
    record Audit(long checked, long lost, long duplicated, long committedUnacknowledged, List<String> problems) {
    }

    private final Map<String, Session> created = new ConcurrentHashMap<>();

    Session created(String id) {
        Session session = new Session(id);
        created.put(id, session);
        return session;
    }

    /**
     * Checks the database: each acknowledged session exists, its request counter is at least its
     * acknowledged increments and at most those plus the ambiguous ones, and its stream holds every
     * acknowledged event exactly once (an ambiguous one at most once, nothing else).
     * {@code storedEvents} reads a session's stream, as the event numbers the load wrote.
     */
    Audit audit(Connection connection, Function<String, List<Long>> storedEvents) throws SQLException {
        Map<String, Long> requests = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, requests FROM sessions WHERE id = ANY(?)")) {
            Array ids = connection.createArrayOf("text", created.keySet().toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    requests.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        long checked = 0;
        long lost = 0;
        long duplicated = 0;
        long unacknowledged = 0;
        List<String> problems = new ArrayList<>();
        for (Session session : created.values()) {
            checked += 1 + session.ackedIncrements.get() + session.ackedEvents.size();
            Long stored = requests.get(session.id);
            if (stored == null) {
                lost += 1 + session.ackedIncrements.get() + session.ackedEvents.size();
                problems.add(session.id + ": acknowledged create, not in the database");
                continue;
            }
            long acked = session.ackedIncrements.get();
            long ceiling = acked + session.ambiguousIncrements.get();
            if (stored < acked) {
                lost += acked - stored;
                problems.add(session.id + ": " + acked + " acknowledged increments, " + stored + " stored");
            } else if (stored > ceiling) {
                duplicated += stored - ceiling;
                problems.add(session.id + ": " + stored + " stored, at most " + ceiling + " sent");
            } else {
                unacknowledged += stored - acked;
            }
            List<Long> events = storedEvents.apply(session.id);
            Map<Long, Integer> seen = new HashMap<>();
            events.forEach(n -> seen.merge(n, 1, Integer::sum));
            for (long n : session.ackedEvents) {
                if (!seen.containsKey(n)) {
                    lost++;
                    problems.add(session.id + ": acknowledged event " + n + " missing");
                }
            }
            for (Map.Entry<Long, Integer> entry : seen.entrySet()) {
                boolean sent = session.ackedEvents.contains(entry.getKey()) || session.ambiguousEvents.contains(entry.getKey());
                if (!sent || entry.getValue() > 1) {
                    duplicated += sent ? entry.getValue() - 1 : entry.getValue();
                    problems.add(session.id + ": event " + entry.getKey() + " stored " + entry.getValue() + "x"
                            + (sent ? "" : ", never sent"));
                } else if (!session.ackedEvents.contains(entry.getKey())) {
                    unacknowledged++;
                }
            }
        }
        return new Audit(checked, lost, duplicated, unacknowledged, problems.subList(0, Math.min(20, problems.size())));
    }
}
