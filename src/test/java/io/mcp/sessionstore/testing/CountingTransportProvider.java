package io.mcp.sessionstore.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * The SDK's transport provider with every session start counted: the SDK starts a session for each
 * initialize it accepts, so the count is what a test needs to tell whether the gateway initialized
 * the upstream again, without parsing logs. Everything else is the provider's own.
 */
record CountingTransportProvider(McpStreamableServerTransportProvider delegate, AtomicInteger initializes)
        implements McpStreamableServerTransportProvider {

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        delegate.setSessionFactory(request -> {
            initializes.incrementAndGet();
            return factory.startSession(request);
        });
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
