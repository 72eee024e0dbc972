package io.mcp.sessionstore.config;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Registers {@link DevDatabaseConfigSourceFactory}. A customizer rather than a second
 * META-INF/services/io.smallrye.config.ConfigSourceFactory file: both resource folders are copied to
 * target/classes, where a file of the same name from src/dev would replace the one from src/main.
 */
public class DevDatabaseConfigCustomizer implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withSources(new DevDatabaseConfigSourceFactory());
    }
}
