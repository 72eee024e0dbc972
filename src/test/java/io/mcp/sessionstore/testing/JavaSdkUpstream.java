package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletException;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A second, independent upstream for the gateway's tests: a Streamable HTTP MCP server written with
 * the MCP Java SDK's server API (its servlet transport in an embedded Tomcat), so the gateway is
 * proven against more than the TypeScript SDK's server-everything. In-process, on 127.0.0.1, at
 * {@code /mcp}; its tools are in {@link JavaSdkTools}.
 */
public final class JavaSdkUpstream implements AutoCloseable {

    public static final String NAME = "java-sdk-upstream";

    private final int port;
    /** New with each start: a tool of a stopped server that is still running counts into its own. */
    private volatile AtomicInteger initializes = new AtomicInteger();
    private final java.util.Queue<String> protocolVersions = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Every traceparent header it was sent, and the params._meta of every tool call: what the tracing tests read. */
    private final java.util.Queue<String> traceparents = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<java.util.Map<String, Object>> toolCallMeta = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile AtomicInteger slowCountsFinished = new AtomicInteger();
    private Tomcat tomcat;
    private McpSyncServer server;
    private Path baseDir;

    public JavaSdkUpstream() {
        this(ServiceProcess.freePort());
    }

    /** On a given port: a restarted upstream comes back where the gateway knows it. */
    public JavaSdkUpstream(int port) {
        this.port = port;
    }

    /**
     * A new SDK server and transport (so no session of an earlier start survives), its counters at
     * zero as a new process's would be, listening once this returns.
     */
    public synchronized JavaSdkUpstream start() {
        if (tomcat != null) {
            throw new IllegalStateException("already started on " + port);
        }
        try {
            baseDir = Files.createTempDirectory("java-sdk-upstream-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        initializes = new AtomicInteger();
        slowCountsFinished = new AtomicInteger();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        server = McpServer.sync(new CountingTransportProvider(transport, initializes))
                .serverInfo(NAME, "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(JavaSdkTools.all(slowCountsFinished, toolCallMeta))
                .build();
        // Tomcat sets the JVM's one URL stream handler factory once per class loader: a second Quarkus
        // test profile (another class loader) would fail its start with "factory already defined"
        org.apache.catalina.webresources.TomcatURLStreamHandlerFactory.disable();
        try {
            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            // a crash does not wait for the calls in flight (Tomcat would, 5 s for its threads)
            connector.setProperty("executorTerminationTimeoutMillis", "0");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", null);
            context.setLoader(new CallerClassLoader());
            // nor for requests still in the servlet (2 s by default); 0 would mean wait for ever
            ((StandardContext) context).setUnloadDelay(20);
            context.getPipeline().addValve(new ValveBase(true) {
                @Override
                public void invoke(Request request, Response response) throws IOException, ServletException {
                    String version = request.getHeader("MCP-Protocol-Version");
                    if (version != null) {
                        protocolVersions.add(version);
                    }
                    String traceparent = request.getHeader("traceparent");
                    if (traceparent != null) {
                        traceparents.add(traceparent);
                    }
                    getNext().invoke(request, response);
                }
            });
            Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
            servlet.setAsyncSupported(true); // every call's answer is an SSE stream on an async context
            context.addServletMappingDecoded("/mcp", "mcp");
            tomcat.start();
        } catch (LifecycleException e) {
            stop();
            throw new IllegalStateException("the Java SDK upstream did not start on 127.0.0.1:" + port, e);
        }
        return this;
    }

    /**
     * Like a crash: the connector goes first, so open streams are cut rather than ended politely,
     * then the container and the SDK server with every session it knew. A tool still running on
     * one of the SDK's threads runs to its end, unheard: a thread cannot be killed.
     */
    public synchronized void stop() {
        if (tomcat == null) {
            return;
        }
        try {
            Connector connector = tomcat.getConnector();
            connector.stop();
            connector.destroy();
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            tomcat = null;
            server.close();
            server = null;
            TempDirectories.delete(baseDir);
        }
    }

    /** Stopped and started again on the same port: the gateway's upstream sessions are gone. */
    public synchronized JavaSdkUpstream restart() {
        stop();
        return start();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    /** The initialize requests this server saw since it last started. */
    /** Every MCP-Protocol-Version header the upstream was sent, in order. */
    public List<String> protocolVersions() {
        return List.copyOf(protocolVersions);
    }

    /** Every traceparent header it was sent, in order. */
    public List<String> traceparents() {
        return List.copyOf(traceparents);
    }

    /** The params._meta of every tool call it ran (empty maps for calls without one), in order. */
    public List<java.util.Map<String, Object>> toolCallMeta() {
        return List.copyOf(toolCallMeta);
    }

    public int initializes() {
        return initializes.get();
    }

    /** The slow-count calls that sent their result since the last start. */
    public int slowCountsFinished() {
        return slowCountsFinished.get();
    }

    @Override
    public void close() {
        stop();
    }
}
