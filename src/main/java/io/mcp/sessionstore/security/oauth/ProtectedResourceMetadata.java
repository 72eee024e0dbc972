package io.mcp.sessionstore.security.oauth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The RFC 9728 document: which resource this is, which authorization server issues its tokens, how to send them. */
public record ProtectedResourceMetadata(
        @JsonProperty("resource") String resource,
        @JsonProperty("authorization_servers") List<String> authorizationServers,
        @JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported) {
}
