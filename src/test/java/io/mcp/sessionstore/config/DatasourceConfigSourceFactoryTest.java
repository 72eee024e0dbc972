package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

class DatasourceConfigSourceFactoryTest {

    private static ConfigSourceContext context(Map<String, String> values, String profile) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of(profile);
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }

    @Test
    void sourcesWhenDatabaseUrlThenDatasourceBelowEnvironment() {
        List<ConfigSource> sources = DatasourceConfigSourceFactory.sources(
                context(Map.of("DATABASE_URL", "postgresql://u:p@db:5432/s"), "prod"), true);
        assertEquals(1, sources.size());
        assertEquals("jdbc:postgresql://db:5432/s", sources.get(0).getValue("quarkus.datasource.jdbc.url"));
        assertTrue(sources.get(0).getOrdinal() < 300, "QUARKUS_DATASOURCE_* variables (300) win");
        assertTrue(sources.get(0).getOrdinal() > 250, "DATABASE_URL wins over application.properties");
    }

    @Test
    void sourcesWhenProdWithoutAnyDatabaseThenStartRefusedNamingDatabaseUrl() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DatasourceConfigSourceFactory.sources(context(Map.of(), "prod"), true));
        assertTrue(e.getMessage().contains("DATABASE_URL"));
    }

    @Test
    void sourcesWhenProdWithQuarkusDatasourceUrlThenNothingAdded() {
        assertEquals(List.of(), DatasourceConfigSourceFactory.sources(
                context(Map.of("quarkus.datasource.reactive.url", "postgresql://h/db"), "prod"), true));
    }

    @Test
    void sourcesWhenPackagingWithoutDatabaseThenNoRefusal() {
        assertEquals(List.of(), DatasourceConfigSourceFactory.sources(context(Map.of(), "prod"), false));
    }
}
