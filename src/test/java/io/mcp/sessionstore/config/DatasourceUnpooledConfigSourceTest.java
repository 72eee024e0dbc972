package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** The config source factory reads DATABASE_URL_UNPOOLED from the environment beside DATABASE_URL. */
class DatasourceUnpooledConfigSourceTest {

    @Test
    void sourcesWhenUnpooledSetThenJdbcUrlFromItReactiveFromDatabaseUrl() {
        Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://u:p@pooler:6432/s",
                "DATABASE_URL_UNPOOLED", "postgresql://u:p@direct:5432/s");
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(environment.get(name)).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of("prod");
            }

            @Override
            public Iterator<String> iterateNames() {
                return environment.keySet().iterator();
            }
        };
        ConfigSource source = DatasourceConfigSourceFactory.sources(context, true).get(0);
        assertEquals("jdbc:postgresql://direct:5432/s", source.getValue("quarkus.datasource.jdbc.url"));
        assertEquals("postgresql://pooler:6432/s", source.getValue("quarkus.datasource.reactive.url"));
    }
}
