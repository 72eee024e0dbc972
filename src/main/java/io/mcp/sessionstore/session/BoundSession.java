package io.mcp.sessionstore.session;

/** A live session as an MCP endpoint works with it: what anyone may see, and its upstream link (null: none). */
public record BoundSession(SessionView view, UpstreamLink upstream) {

    public String id() {
        return view.id();
    }
}
