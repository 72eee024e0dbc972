package io.mcp.sessionstore.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * RUN_DIR/runs.tsv: a header line, then one tab-separated row per measured run. Columns are found by
 * their header name, so that bench/run may add a column without breaking this program.
 */
final class RunsTable {

    static final String FILE_NAME = "runs.tsv";

    private static final List<String> COLUMNS =
            List.of("mode", "scenario", "connections", "side", "load", "rate", "units", "source");

    private RunsTable() {
    }

    static List<RunSpec> read(Path runDir) throws InputException {
        Path file = runDir.resolve(FILE_NAME);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new InputException(file, 1, "empty file, expected a header line");
            }
            Map<String, Integer> index = columnIndex(file, header);
            List<RunSpec> runs = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                RunSpec run = parseRow(file, lineNumber, line.split("\t", -1), index);
                if (!keys.add(run.key())) {
                    throw new InputException(file, lineNumber, "a second row for the same run (" + run.describe() + ")");
                }
                runs.add(run);
            }
            return runs;
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Integer> columnIndex(Path file, String header) throws InputException {
        String[] names = header.split("\t", -1);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.putIfAbsent(names[i].trim(), i);
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
                throw new InputException(file, 1, "header lacks the column \"" + column + "\" (expected "
                        + String.join(", ", COLUMNS) + ", tab-separated)");
            }
        }
        return index;
    }

    private static RunSpec parseRow(Path file, int line, String[] cells, Map<String, Integer> index)
            throws InputException {
        int needed = index.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (cells.length < needed) {
            throw new InputException(file, line, "expected " + needed + " tab-separated columns, found " + cells.length);
        }
        Row row = new Row(file, line, cells, index);
        Side side = row.enumValue("side", Side::ofKey, "service, pgbench or direct");
        Load load = row.enumValue("load", Load::ofKey, "peak or half");
        Optional<Mode> mode = side == Side.SERVICE
                ? Optional.of(row.enumValue("mode", Mode::ofKey, "on or off (side service)"))
                : Optional.empty();
        String scenario = row.text("scenario");
        int connections = row.positiveInt("connections");
        double rate = row.rate();
        if (load == Load.HALF && rate <= 0) {
            throw new InputException(file, line, "rate must be above 0 for load half");
        }
        int units = row.positiveInt("units");
        String source = row.text("source");
        return new RunSpec(line, mode, scenario, connections, side, load, rate, units, source);
    }

    /** The cells of one row, read by column name with messages naming the file, line and column. */
    private record Row(Path file, int line, String[] cells, Map<String, Integer> index) {

        String text(String column) throws InputException {
            String value = cells[index.get(column)].trim();
            if (value.isEmpty()) {
                throw new InputException(file, line, "column " + column + " is empty");
            }
            return value;
        }

        int positiveInt(String column) throws InputException {
            String value = text(column);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InputException(file, line, column + " is \"" + value + "\", expected a positive integer");
        }

        double rate() throws InputException {
            String value = text("rate");
            try {
                double parsed = Double.parseDouble(value);
                if (Double.isFinite(parsed) && parsed >= 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InputException(file, line, "rate is \"" + value + "\", expected a number >= 0");
        }

        <E> E enumValue(String column, Function<String, E> parser, String expected)
                throws InputException {
            String value = text(column);
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InputException(file, line, column + " is \"" + value + "\", expected " + expected);
            }
        }
    }
}
