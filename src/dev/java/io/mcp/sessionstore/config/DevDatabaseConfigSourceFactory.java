package io.mcp.sessionstore.config;

import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Dev mode with no database configured and no Docker engine for Dev Services: the datasource of an
 * embedded PostgreSQL ({@link DevDatabase}), at the ordinal DATABASE_URL would have. Lives in
 * src/dev, which the native build leaves out, so a native image never sees this code or its binaries.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev")
                || value(context, "DATABASE_URL") != null
                || value(context, "quarkus.datasource.reactive.url") != null
                || value(context, "quarkus.datasource.jdbc.url") != null
                || !DevDatabase.wanted(value(context, "mcp.dev.embedded-postgres"))) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(DevDatabase.start(), "embedded PostgreSQL",
                DatasourceConfigSourceFactory.ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
