package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UpstreamsParserTest {

    private final UpstreamsParser parser = new UpstreamsParser("MCP_UPSTREAMS",
            Map.of("EVERYTHING_TOKEN", "s3cret-token")::get);

    @Test
    void parseWhenTheDocumentedShapeThenUpstreamWithResolvedHeaderAndTimeout() {
        List<Upstream> upstreams = parser.parse("""
                [{"id":"everything","transport":"streamable-http","url":"http://127.0.0.1:3101/mcp",
                  "headers":{"Authorization":"Bearer ${EVERYTHING_TOKEN}"},"timeout":"30s"},
                 {"id":"hosted","transport":"sse","url":"https://mcp.example.com/sse"}]""");
        assertEquals(2, upstreams.size());
        Upstream everything = upstreams.getFirst();
        assertEquals(Upstream.Transport.STREAMABLE_HTTP, everything.transport());
        assertEquals("Bearer s3cret-token", everything.headers().get("Authorization"));
        assertEquals(Duration.ofSeconds(30), everything.timeout());
        assertFalse(everything.toString().contains("s3cret"), "no header value in what may be logged");
        assertEquals(UpstreamsParser.DEFAULT_TIMEOUT, upstreams.get(1).timeout());
        assertEquals(Upstream.Transport.SSE, upstreams.get(1).transport());
    }

    @Test
    void parseWhenAStdioEntryThenCommandEnvironmentAndDirectoryResolvedAndNothingSecretInItsName() {
        Upstream local = parser.parse("""
                [{"id":"local","transport":"stdio","command":["npx","-y","some-mcp-server","--token=${EVERYTHING_TOKEN}"],
                  "env":{"TOKEN":"${EVERYTHING_TOKEN}","PEM":"line one\\nline two"},"cwd":"/srv"}]""").getFirst();
        assertEquals(Upstream.Transport.STDIO, local.transport());
        assertEquals(List.of("npx", "-y", "some-mcp-server", "--token=s3cret-token"), local.stdio().command());
        assertEquals(Map.of("TOKEN", "s3cret-token", "PEM", "line one\nline two"), local.stdio().environment());
        assertEquals(java.nio.file.Path.of("/srv"), local.stdio().workingDirectory());
        assertEquals(Upstream.StatelessSessions.PER_KEY, local.statelessSessions(), "the default");
        assertEquals(null, local.url());
        assertFalse(local.toString().contains("s3cret"), "neither arguments nor env values in what may be logged: " + local);
        assertTrue(local.toString().contains("npx"), local.toString());
    }

    @Test
    void parseWhenAStdioEntryIsWrongThenTheMessageNamesTheField() {
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\"}]", "field command: is required");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[]}]", "field command: must be a non-empty array");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":\"npx server\"}]", "field command: must be");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[\"npx\",1]}]", "field command[1]: must be");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[\"npx\"],\"url\":\"http://h\"}]",
                "field url: is not a field of a stdio upstream");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"command\":[\"npx\"]}]",
                "field command: is not a field of a sse upstream");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[\"npx\"],\"env\":{\"A-B\":\"v\"}}]",
                "field env.A-B: is not a valid environment variable name");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[\"npx\"],\"env\":{\"A\":\"${MISSING}\"}}]",
                "field env.A: names the environment variable MISSING");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[\"npx\"],\"cwd\":\"srv\"}]",
                "field cwd: must be an absolute path");
        assertMessage("[{\"id\":\"x\",\"transport\":\"stdio\",\"command\":[\"npx\"],\"statelessSessions\":\"shared\"}]",
                "field statelessSessions: must be per-key or per-request");
    }

    @Test
    void parseWhenDurationsInEitherFormThenRead() {
        assertEquals(Duration.ofMillis(500), timeout("500ms"));
        assertEquals(Duration.ofMinutes(2), timeout("2m"));
        assertEquals(Duration.ofSeconds(45), timeout("PT45S"));
    }

    @Test
    void parseWhenAnEntryIsWrongThenTheMessageNamesEntryAndFieldButNoSecret() {
        assertMessage("[{\"transport\":\"sse\",\"url\":\"http://h/sse\"}]", "entry 1, field id: is required");
        assertMessage("[{\"id\":\"a b\",\"transport\":\"sse\",\"url\":\"http://h/sse\"}]", "entry 1, field id:");
        assertMessage("[{\"id\":\"x\",\"transport\":\"ws\",\"url\":\"http://h\"}]",
                "entry 1 (\"x\"), field transport: must be streamable-http, sse or stdio");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"ftp://h\"}]", "field url:");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://u:pw@h/sse\"}]", "without credentials");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"timeout\":\"soon\"}]", "field timeout:");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"timeout\":\"0s\"}]", "field timeout:");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"header\":{}}]",
                "field header: is not a field of an upstream");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"headers\":{\"A\":\"${MISSING}\"}}]",
                "field headers.A: names the environment variable MISSING, which is not set");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"headers\":{\"A\":1}}]",
                "field headers.A: must be a string");
        assertMessage("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\"},"
                + "{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\"}]", "entry 2 (\"x\"), field id: is used");
        assertMessage("{\"id\":\"x\"}", "must be a JSON array");
        assertMessage("[{\"id\":", "is not valid JSON");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse(
                "[{\"id\":\"x\",\"transport\":\"nope\",\"url\":\"http://h\",\"headers\":{\"A\":\"${EVERYTHING_TOKEN}\"}}]"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    private Duration timeout(String value) {
        return parser.parse("[{\"id\":\"x\",\"transport\":\"sse\",\"url\":\"http://h\",\"timeout\":\"" + value + "\"}]")
                .getFirst().timeout();
    }

    private void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse(json));
        assertTrue(e.getMessage().startsWith("MCP_UPSTREAMS"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
