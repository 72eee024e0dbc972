package io.mcp.sessionstore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fault's part of docs/reliability.md: a heading, what was done, and a table of what was
 * measured, written to target/reliability/ when the fault's test has run; {@link ReliabilityReport}
 * puts the parts together. Figures only: the test's assertions decide pass or fail.
 */
final class FaultSection {

    static final Path DIRECTORY = Path.of("target", "reliability");

    private final String key;
    private final String title;
    private final String method;
    private final List<String[]> rows = new ArrayList<>();

    /** {@code key} orders the sections (and names the file). */
    FaultSection(String key, String title, String method) {
        this.key = key;
        this.title = title;
        this.method = method;
    }

    FaultSection row(String what, Object value) {
        rows.add(new String[] {what, String.valueOf(value)});
        return this;
    }

    FaultSection millis(String what, long fromNanos, long toNanos) {
        return row(what, fromNanos < 0 || toNanos < 0 ? "never" : String.format(Locale.ROOT, "%,d ms",
                (toNanos - fromNanos) / 1_000_000));
    }

    FaultSection rate(String what, double perSecond) {
        return row(what, String.format(Locale.ROOT, "%,.0f req/s", perSecond));
    }

    FaultSection outcomes(String what, Map<Outcome, Long> counts) {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : Outcome.values()) {
            long count = counts.getOrDefault(outcome, 0L);
            if (count > 0 || outcome == Outcome.OK) {
                text.append(text.isEmpty() ? "" : "; ").append(outcome.label).append(": ").append(String.format(Locale.ROOT, "%,d", count));
            }
        }
        return row(what, text);
    }

    FaultSection audit(Ledger.Audit audit) {
        row("acknowledged writes checked (creates, increments, events)", String.format(Locale.ROOT, "%,d", audit.checked()));
        row("acknowledged writes lost", audit.lost());
        row("writes stored twice or never sent", audit.duplicated());
        return row("writes stored though their client got no 2xx (503 or no answer: allowed)", audit.committedUnacknowledged());
    }

    void write() {
        StringBuilder text = new StringBuilder("## ").append(title).append("\n\n").append(method).append("\n\n");
        text.append("| measured | value |\n| --- | --- |\n");
        for (String[] row : rows) {
            text.append("| ").append(row[0]).append(" | ").append(row[1].replace("|", "\\|")).append(" |\n");
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(key + ".md"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
