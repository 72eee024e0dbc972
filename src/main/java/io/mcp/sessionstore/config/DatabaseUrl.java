package io.mcp.sessionstore.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HexFormat;

/**
 * A libpq-style connection URI as Neon and Heroku hand it out
 * ({@code postgresql://user:password@host:5432/db?sslmode=require}), and the Quarkus datasource
 * properties it stands for: the JDBC URL for Flyway, the reactive URL for Hibernate Reactive,
 * the credentials and the SSL settings of both.
 */
public record DatabaseUrl(String host, int port, String database, Optional<String> username,
        Optional<String> password, Optional<String> sslMode, Optional<String> options,
        Optional<String> applicationName) {

    static final int DEFAULT_PORT = 5432;
    static final String UNPOOLED = "DATABASE_URL_UNPOOLED";
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public DatabaseUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
    }

    /** Parses the URI; the message of a failure never repeats the URI, which may hold a password. */
    public static DatabaseUrl parse(String text) {
        return parse("DATABASE_URL", text);
    }

    /**
     * The datasource properties of {@code DATABASE_URL} and, when given, {@code DATABASE_URL_UNPOOLED}:
     * a direct (unpooled) endpoint, as Neon hands it out beside the pooled one. The JDBC side (Flyway's
     * migrations and Hibernate's schema check, at start only) then connects there; the reactive client,
     * which serves every request, stays on the pooled one. One datasource has one user and password,
     * so the unpooled URL may repeat those of DATABASE_URL or leave them out, but not name others.
     */
    public static Map<String, String> datasourceProperties(String pooled, String unpooled) {
        DatabaseUrl url = parse(pooled);
        Map<String, String> properties = url.datasourceProperties();
        if (unpooled != null && !unpooled.isBlank()) {
            DatabaseUrl direct = parse(UNPOOLED, unpooled);
            if (direct.username.isPresent() && !direct.username.equals(url.username)
                    || direct.password.isPresent() && !direct.password.equals(url.password)) {
                throw new IllegalArgumentException(UNPOOLED + " names another user or password than DATABASE_URL; "
                        + "use the same credentials in both (or none in " + UNPOOLED + ")");
            }
            properties.put("quarkus.datasource.jdbc.url", direct.jdbcUrl());
        }
        return properties;
    }

    private static DatabaseUrl parse(String variable, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(variable + " is empty");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a valid URI (expected "
                    + "postgresql://user:password@host:5432/database?sslmode=require)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException(variable + " must start with postgresql:// or postgres://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " has no host (a single host is supported)");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();

        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null && !uri.getRawUserInfo().isEmpty()) {
            String userInfo = uri.getRawUserInfo();
            int colon = userInfo.indexOf(':');
            username = Optional.of(percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon)))
                    .filter(u -> !u.isEmpty());
            password = colon < 0 ? Optional.empty() : Optional.of(percentDecode(userInfo.substring(colon + 1)));
        }

        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = percentDecode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty()) {
            database = username.orElse("postgres"); // libpq's default: the user name
        }

        Map<String, String> query = queryParameters(uri.getRawQuery());
        Optional<String> sslMode = Optional.ofNullable(query.get("sslmode")).map(m -> m.toLowerCase(Locale.ROOT));
        if (sslMode.isPresent() && !SSL_MODES.contains(sslMode.get())) {
            throw new IllegalArgumentException(variable + " has an unknown sslmode '" + sslMode.get()
                    + "' (one of " + String.join(", ", SSL_MODES) + ")");
        }
        return new DatabaseUrl(host, port, database, username, password, sslMode,
                Optional.ofNullable(query.get("options")), Optional.ofNullable(query.get("application_name")));
    }

    /** The JDBC URL for Flyway; credentials go in their own properties. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
                .append('/').append(percentEncode(database));
        char separator = '?';
        for (Map.Entry<String, String> parameter : jdbcParameters().entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(percentEncode(parameter.getValue()));
            separator = '&';
        }
        return url.toString();
    }

    /** The reactive client URL; SSL and credentials go in their own properties. */
    public String reactiveUrl() {
        return "postgresql://" + hostForUrl() + ":" + port + "/" + percentEncode(database);
    }

    /** Every Quarkus datasource property this URL sets. */
    public Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl());
        // pgJDBC names a statement's server-side plan after 5 uses; a transaction-mode pooler then hands
        // the name to another server connection ("prepared statement "S_2" already exists"). The JDBC
        // side runs only at start, so unnamed statements cost nothing and work behind any pooler.
        properties.put("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold", "0");
        properties.put("quarkus.datasource.reactive.url", reactiveUrl());
        username.ifPresent(u -> properties.put("quarkus.datasource.username", u));
        password.ifPresent(p -> properties.put("quarkus.datasource.password", p));
        sslMode.ifPresent(mode -> {
            properties.put("quarkus.datasource.reactive.postgresql.ssl-mode", mode);
            switch (mode) {
                // libpq checks no certificate below verify-ca; the reactive client must be told so
                case "allow", "prefer", "require" -> properties.put("quarkus.datasource.reactive.trust-all", "true");
                case "verify-full" -> properties.put("quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS");
                default -> { }
            }
        });
        options.ifPresent(o -> properties.put("quarkus.datasource.reactive.additional-properties.options", o));
        applicationName.ifPresent(a ->
                properties.put("quarkus.datasource.reactive.additional-properties.application_name", a));
        return properties;
    }

    /** Safe to log: no credentials. */
    @Override
    public String toString() {
        return "postgresql://" + hostForUrl() + ":" + port + "/" + database
                + sslMode.map(m -> "?sslmode=" + m).orElse("");
    }

    private Map<String, String> jdbcParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        sslMode.ifPresent(m -> parameters.put("sslmode", m));
        options.ifPresent(o -> parameters.put("options", o));
        applicationName.ifPresent(a -> parameters.put("ApplicationName", a));
        return parameters;
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(percentDecode(pair.substring(0, equals)), percentDecode(pair.substring(equals + 1)));
            }
        }
        return parameters;
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder, '+' stays '+' as libpq has it. */
    static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= text.length() || !isHexDigit(text.charAt(i + 1)) || !isHexDigit(text.charAt(i + 2))) {
                throw new IllegalArgumentException("DATABASE_URL has an invalid percent-escape (write a literal % as %25)");
            }
            bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
