package io.mcp.sessionstore.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

/** Dev and test without MCP_GATEWAY_KEY: one local key, generated once and kept beside the dev API key. */
final class DevGatewayKey {

    private static final Logger LOG = Logger.getLogger(DevGatewayKey.class);

    private DevGatewayKey() {
    }

    static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String key = SessionCipher.newKey();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + "\n");
            LOG.infof("generated a local MCP_GATEWAY_KEY in %s (set MCP_GATEWAY_KEY in production)", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the dev gateway key in " + file, e);
        }
    }
}
