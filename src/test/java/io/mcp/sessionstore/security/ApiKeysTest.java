package io.mcp.sessionstore.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static ApiKeys keys(List<String> configured, boolean enabled) {
        return keys(configured, null, enabled);
    }

    private static ApiKeys keys(List<String> configured, List<String> clientKeys, boolean enabled) {
        ApiKeys keys = new ApiKeys(new ApiKeyConfig() {
            @Override
            public Optional<List<String>> apiKeys() {
                return Optional.ofNullable(configured);
            }

            @Override
            public Optional<List<String>> clientKeys() {
                return Optional.ofNullable(clientKeys);
            }

            @Override
            public boolean authEnabled() {
                return enabled;
            }
        });
        keys.onStart(null);
        return keys;
    }

    @Test
    void startWhenProdWithoutKeysThenRefusedNamingTheVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(null, true));
        assertTrue(e.getMessage().contains("MCP_API_KEYS"));
        assertThrows(IllegalStateException.class, () -> keys(List.of(" ", ""), true));
    }

    @Test
    void startWhenAuthDisabledWithoutKeysThenStarts() {
        assertEquals(false, keys(null, false).enabled());
    }

    @Test
    void identifyWhenKeyConfiguredThenStableIdWithoutTheKey() {
        ApiKeys keys = keys(List.of(" first-key ", "second-key"), true);
        String id = keys.identify("second-key").keyId();
        assertNotNull(id);
        assertEquals(12, id.length());
        assertEquals(id, keys.identify("second-key").keyId());
        assertTrue(!id.contains("second"));
        assertNotNull(keys.identify("first-key"));
        assertNull(keys.identify("first-key2"));
        assertNull(keys.identify(""));
    }

    @Test
    void identifyWhenClientKeyThenItsReachIsTheMcpEndpointsOnly() {
        ApiKeys keys = keys(null, List.of("client-key"), true);
        assertTrue(keys.identify("client-key").clientOnly());
        assertNull(keys.identify("admin-key"));
        assertTrue(!keys(List.of("admin-key"), List.of("client-key"), true).identify("admin-key").clientOnly());
    }
}
