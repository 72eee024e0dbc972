package io.mcp.sessionstore.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.config.DevDirectory;

/**
 * Dev mode without MCP_API_KEYS: one local key, generated once into .mcp-dev/api-key and printed
 * that once, so a newcomer can call the API; later starts say where it is, never what it is.
 */
final class DevApiKey {

    private static final Logger LOG = Logger.getLogger(DevApiKey.class);

    private DevApiKey() {
    }

    static String loadOrCreate() {
        Path file = DevDirectory.path().resolve("api-key");
        try {
            if (Files.exists(file)) {
                LOG.infof("dev mode: using the local API key in %s (set MCP_API_KEYS to choose your own)", file);
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String key = "dev-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + "\n");
            LOG.infof("dev mode: generated a local API key, shown this once and kept in %s:%n%n    "
                    + "Authorization: Bearer %s%n", file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the dev API key in " + file, e);
        }
    }
}
