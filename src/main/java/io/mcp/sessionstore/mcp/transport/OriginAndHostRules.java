package io.mcp.sessionstore.mcp.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * DNS-rebinding protection, as the MCP spec asks of servers: a Host header must name this server
 * (loopback names by default, more with MCP_ALLOWED_HOSTS) and an Origin header, when a browser
 * sends one, must be a loopback origin or one of MCP_ALLOWED_ORIGINS. A page on evil.example.com
 * whose name was rebound to 127.0.0.1 sends both as evil.example.com: 403.
 */
@ApplicationScoped
public class OriginAndHostRules {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final List<String> allowedOrigins;
    private final List<String> allowedHosts;

    public OriginAndHostRules(McpTransportConfig config) {
        this.allowedOrigins = config.allowedOrigins().orElse(List.of()).stream().map(String::trim).toList();
        this.allowedHosts = config.allowedHosts().orElse(List.of()).stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public void check(McpRequest request) {
        if (request.host() != null && !hostAllowed(request.host().trim().toLowerCase(Locale.ROOT))) {
            throw new JsonRpcException(403, null, JsonRpc.INVALID_REQUEST,
                    "Host " + request.host() + " is not allowed (MCP_ALLOWED_HOSTS)");
        }
        if (request.origin() != null && !originAllowed(request.origin().trim())) {
            throw new JsonRpcException(403, null, JsonRpc.INVALID_REQUEST,
                    "Origin " + request.origin() + " is not allowed (MCP_ALLOWED_ORIGINS)");
        }
    }

    private boolean hostAllowed(String host) {
        String name = hostName(host);
        return LOOPBACK.contains(name) || allowedHosts.contains("*") || allowedHosts.contains(host)
                || allowedHosts.contains(name);
    }

    private boolean originAllowed(String origin) {
        if (allowedOrigins.contains("*") || allowedOrigins.contains(origin)) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The name of a Host header value without its port ("[::1]:8080" is "[::1]"). */
    static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
