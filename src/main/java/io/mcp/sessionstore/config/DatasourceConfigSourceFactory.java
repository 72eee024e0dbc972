package io.mcp.sessionstore.config;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns {@code DATABASE_URL} into the Quarkus datasource properties. Its ordinal sits below the
 * environment (300), so explicit {@code QUARKUS_DATASOURCE_*} variables still win, and above
 * application.properties (250). In prod with no database at all it fails the start with a message
 * naming {@code DATABASE_URL}; in dev and test it adds nothing then (Dev Services, the tests' database,
 * or in dev mode the embedded PostgreSQL of src/dev take over).
 */
public class DatasourceConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    static final String NO_DATABASE_MESSAGE = "No database configured: set DATABASE_URL "
            + "(postgresql://user:password@host:5432/database?sslmode=require) or the "
            + "QUARKUS_DATASOURCE_JDBC_URL and QUARKUS_DATASOURCE_REACTIVE_URL variables";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Quarkus also builds configuration while it packages the application: no refusal then
        boolean running = ExecutionMode.current() == ExecutionMode.RUNTIME_INIT
                || ExecutionMode.current() == ExecutionMode.RUNNING;
        return sources(context, running);
    }

    static List<ConfigSource> sources(ConfigSourceContext context, boolean running) {
        String databaseUrl = value(context, "DATABASE_URL");
        if (databaseUrl != null) {
            return List.of(source("DATABASE_URL",
                    DatabaseUrl.datasourceProperties(databaseUrl, value(context, "DATABASE_URL_UNPOOLED"))));
        }
        if (value(context, "quarkus.datasource.reactive.url") != null
                || value(context, "quarkus.datasource.jdbc.url") != null) {
            return List.of();
        }
        List<String> profiles = context.getProfiles();
        if (running && !profiles.contains("dev") && !profiles.contains("test")) {
            throw new IllegalStateException(NO_DATABASE_MESSAGE);
        }
        return List.of();
    }

    private static ConfigSource source(String name, Map<String, String> properties) {
        return new PropertiesConfigSource(properties, name, ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
