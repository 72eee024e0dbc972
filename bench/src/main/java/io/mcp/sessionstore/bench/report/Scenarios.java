package io.mcp.sessionstore.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Scenario names as runs.tsv writes them, their labels, and the order the report lists them in. */
final class Scenarios {

    static final String GATEWAY = "gateway";

    private static final List<String> KNOWN = List.of("get", "activity", "create", "append10", GATEWAY);

    private static final Map<String, String> LABELS = Map.of(
            "get", "GET /sessions/{id}",
            "activity", "POST /sessions/{id}/activity",
            "create", "POST /sessions",
            "append10", "event append, 10-event stream (events/s)",
            GATEWAY, "gateway tools/call (echo)");

    /** Known scenarios in their fixed order, then any other by name. */
    static final Comparator<String> ORDER = Comparator
            .comparingInt((String name) -> KNOWN.contains(name) ? KNOWN.indexOf(name) : KNOWN.size())
            .thenComparing(Comparator.naturalOrder());

    private Scenarios() {
    }

    /** The label of a known scenario; an unknown one is shown by its name. */
    static String label(String name) {
        return LABELS.getOrDefault(name, name);
    }
}
