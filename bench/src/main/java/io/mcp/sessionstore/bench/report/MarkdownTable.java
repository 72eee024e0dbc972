package io.mcp.sessionstore.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub markdown table; cells are escaped so that a "|" in free text cannot split a row. */
final class MarkdownTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... headers) {
        this.headers = List.of(headers);
    }

    MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, headers);
        line(out, headers.stream().map(header -> "---").toList());
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escape(cell)).append(" |");
        }
        out.append('\n');
    }

    static String escape(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
