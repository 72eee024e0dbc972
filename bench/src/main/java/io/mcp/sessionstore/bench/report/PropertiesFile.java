package io.mcp.sessionstore.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A java.util.Properties file that can say on which line a key sits, so that a bad value is reported
 * as "file line N" like every other malformed input.
 */
final class PropertiesFile {

    private final Path path;
    private final Properties properties;
    private final List<String> lines;

    private PropertiesFile(Path path, Properties properties, List<String> lines) {
        this.path = path;
        this.properties = properties;
        this.lines = lines;
    }

    static PropertiesFile load(Path path) throws InputException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return new PropertiesFile(path, properties, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(path, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    Path path() {
        return path;
    }

    /** The trimmed value, empty when the key is missing or blank. */
    Optional<String> get(String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String require(String key) throws InputException {
        return get(key).orElseThrow(() -> new InputException(path, "missing key " + key));
    }

    long requireLong(String key) throws InputException {
        String value = require(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw malformed(key, value, "an integer");
        }
    }

    double requireDouble(String key) throws InputException {
        String value = require(key);
        return parseDouble(key, value);
    }

    Optional<Double> optionalDouble(String key) throws InputException {
        Optional<String> value = get(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(parseDouble(key, value.get()));
    }

    InputException malformed(String key, String value, String expected) {
        return new InputException(path, lineOf(key), key + " is \"" + value + "\", expected " + expected);
    }

    private double parseDouble(String key, String value) throws InputException {
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException(value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw malformed(key, value, "a number");
        }
    }

    /** 1-based line of the key's first occurrence, 0 when not found (continuation lines are rare here). */
    int lineOf(String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith(key)) {
                String rest = line.substring(key.length()).stripLeading();
                if (rest.isEmpty() || rest.charAt(0) == '=' || rest.charAt(0) == ':') {
                    return i + 1;
                }
            }
        }
        return 0;
    }
}
