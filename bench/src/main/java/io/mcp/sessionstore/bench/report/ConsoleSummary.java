package io.mcp.sessionstore.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The target rows as a plain-text table: what an operator reads in the console after bench/run. */
final class ConsoleSummary {

    private ConsoleSummary() {
    }

    static String render(List<TargetRow> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"target", "on", "off", "target value", "verdict (on)"});
        for (TargetRow row : rows) {
            lines.add(new String[] {row.target().wording(), row.onText(), row.offText(),
                    row.target().thresholdText(), row.verdict().plain()});
        }
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == 0 ? "" : "  ").append(pad(line[i], widths[i]));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
