package io.mcp.sessionstore.security;

import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the id of the API key that authenticated this request ("anonymous" without auth). */
@RequestScoped
public class Caller {

    private String keyId;

    public String keyId() {
        return keyId;
    }

    void keyId(String id) {
        this.keyId = id;
    }
}
