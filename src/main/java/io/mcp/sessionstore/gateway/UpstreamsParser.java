package io.mcp.sessionstore.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads MCP_UPSTREAMS: a JSON array of
 * {@code {"id","transport","url","headers":{...},"timeout"}}, or for a local program
 * {@code {"id","transport":"stdio","command":[...],"env":{...},"cwd","timeout"}}. {@code ${NAME}} in
 * a header or env value is the environment variable NAME. Every mistake fails with a message naming
 * the entry and the field, and never a header or env value (it may be a secret).
 */
public final class UpstreamsParser {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Set<String> FIELDS = Set.of("id", "transport", "url", "headers", "timeout", "command", "env", "cwd",
            "statelessSessions");
    private static final Set<String> HTTP_ONLY = Set.of("url", "headers");
    private static final Set<String> STDIO_ONLY = Set.of("command", "env", "cwd");

    private final String source;
    private final Function<String, String> environment;

    /** {@code source} names where the JSON came from in messages (MCP_UPSTREAMS, or the file). */
    public UpstreamsParser(String source, Function<String, String> environment) {
        this.source = source;
        this.environment = environment;
    }

    public List<Upstream> parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + " must be a JSON array of upstreams");
        }
        List<Upstream> upstreams = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            Upstream upstream = entry(i + 1, root.get(i));
            if (!ids.add(upstream.id())) {
                throw new IllegalArgumentException(where(i + 1, upstream.id(), "id") + "is used by another entry");
            }
            upstreams.add(upstream);
        }
        return upstreams;
    }

    private Upstream entry(int number, JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(source + " entry " + number + " must be a JSON object");
        }
        String id = text(entry, "id", number, null);
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where(number, null, "id")
                    + "must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(where(number, id, name) + "is not a field of an upstream (fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        Upstream.Transport transport = transport(number, id, entry);
        boolean stdio = transport == Upstream.Transport.STDIO;
        for (String field : stdio ? HTTP_ONLY : STDIO_ONLY) {
            if (entry.has(field)) {
                throw new IllegalArgumentException(where(number, id, field) + "is not a field of a " + transport.configName()
                        + " upstream (" + (stdio ? "url and headers are for HTTP upstreams" : "command, env and cwd are for stdio upstreams") + ")");
            }
        }
        Upstream.StatelessSessions statelessSessions = statelessSessions(number, id, entry);
        if (stdio) {
            return new Upstream(id, transport, null, Map.of(), timeout(number, id, entry), new StdioCommand(
                    command(number, id, entry), environment(number, id, entry), workingDirectory(number, id, entry)),
                    statelessSessions);
        }
        return new Upstream(id, transport, url(number, id, entry), headers(number, id, entry), timeout(number, id, entry),
                null, statelessSessions);
    }

    private Upstream.StatelessSessions statelessSessions(int number, String id, JsonNode entry) {
        String value = text(entry, "statelessSessions", number, id);
        if (value == null) {
            return Upstream.StatelessSessions.PER_KEY;
        }
        for (Upstream.StatelessSessions choice : Upstream.StatelessSessions.values()) {
            if (choice.configName().equals(value)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(where(number, id, "statelessSessions") + "must be per-key or per-request");
    }

    private List<String> command(int number, String id, JsonNode entry) {
        JsonNode command = entry.get("command");
        if (command == null || command.isNull()) {
            throw new IllegalArgumentException(where(number, id, "command") + "is required");
        }
        if (!command.isArray() || command.isEmpty()) {
            throw new IllegalArgumentException(where(number, id, "command")
                    + "must be a non-empty array of strings: the program, then its arguments");
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            JsonNode word = command.get(i);
            if (!word.isTextual() || word.textValue().isEmpty() || word.textValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException(where(number, id, "command[" + i + "]") + "must be a non-empty string");
            }
            words.add(substitute(number, id, "command[" + i + "]", word.textValue()));
        }
        return words;
    }

    private Map<String, String> environment(int number, String id, JsonNode entry) {
        return strings(number, id, entry, "env", "[A-Za-z_][A-Za-z0-9_]*", "environment variable");
    }

    private java.nio.file.Path workingDirectory(int number, String id, JsonNode entry) {
        String cwd = text(entry, "cwd", number, id);
        if (cwd == null) {
            return null;
        }
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(cwd);
        } catch (java.nio.file.InvalidPathException e) {
            path = null;
        }
        if (path == null || !path.isAbsolute()) {
            throw new IllegalArgumentException(where(number, id, "cwd") + "must be an absolute path");
        }
        return path;
    }

    private Upstream.Transport transport(int number, String id, JsonNode entry) {
        String value = text(entry, "transport", number, id);
        for (Upstream.Transport transport : Upstream.Transport.values()) {
            if (transport.configName().equals(value)) {
                return transport;
            }
        }
        throw new IllegalArgumentException(where(number, id, "transport") + "must be streamable-http, sse or stdio");
    }

    private URI url(int number, String id, JsonNode entry) {
        String value = text(entry, "url", number, id);
        try {
            URI url = new URI(value == null ? "" : value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new IllegalArgumentException(where(number, id, "url")
                + "must be an absolute http:// or https:// URL without credentials (put those in headers)");
    }

    private Map<String, String> headers(int number, String id, JsonNode entry) {
        return strings(number, id, entry, "headers", "[!#$%&'*+.^_`|~0-9A-Za-z-]+", "header");
    }

    /** An object of names to strings, each value with its ${NAME}s resolved; {@code what}: what a name names. */
    private Map<String, String> strings(int number, String id, JsonNode entry, String name, String namePattern,
            String what) {
        JsonNode object = entry.get(name);
        Map<String, String> resolved = new LinkedHashMap<>();
        if (object == null || object.isNull()) {
            return resolved;
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException(where(number, id, name) + "must be an object of " + what + " names to strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> pair = fields.next();
            String field = name + "." + pair.getKey();
            if (!pair.getKey().matches(namePattern)) {
                throw new IllegalArgumentException(where(number, id, field) + "is not a valid " + what + " name");
            }
            if (!pair.getValue().isTextual()) {
                throw new IllegalArgumentException(where(number, id, field) + "must be a string");
            }
            resolved.put(pair.getKey(), substitute(number, id, field, pair.getValue().textValue()));
        }
        return resolved;
    }

    private String substitute(int number, String id, String field, String value) {
        Matcher variables = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            String variable = environment.apply(name);
            if (variable == null) {
                throw new IllegalArgumentException(where(number, id, field) + "names the environment variable " + name
                        + ", which is not set");
            }
            variables.appendReplacement(out, Matcher.quoteReplacement(variable));
        }
        variables.appendTail(out);
        if (field.startsWith("headers.") && out.toString().chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException(where(number, id, field) + "must not contain a line break");
        }
        return out.toString();
    }

    private Duration timeout(int number, String id, JsonNode entry) {
        String value = entry.has("timeout") ? text(entry, "timeout", number, id) : null;
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Matcher simple = SIMPLE_DURATION.matcher(value);
            Duration timeout = !simple.matches() ? Duration.parse(value) : switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(Long.parseLong(simple.group(1)));
                case "s" -> Duration.ofSeconds(Long.parseLong(simple.group(1)));
                case "m" -> Duration.ofMinutes(Long.parseLong(simple.group(1)));
                default -> Duration.ofHours(Long.parseLong(simple.group(1)));
            };
            if (!timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // answered below
        }
        throw new IllegalArgumentException(where(number, id, "timeout")
                + "must be a positive duration such as 500ms, 30s, 2m or PT30S");
    }

    private String text(JsonNode entry, String field, int number, String id) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            if (field.equals("id") || field.equals("transport") || field.equals("url")) {
                throw new IllegalArgumentException(where(number, id, field) + "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where(number, id, field) + "must be a string");
        }
        return value.textValue();
    }

    private String where(int number, String id, String field) {
        return source + " entry " + number + (id == null ? "" : " (\"" + id + "\")") + ", field " + field + ": ";
    }
}
