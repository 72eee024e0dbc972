package io.mcp.sessionstore;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes and Docker stop the service; stopping gracefully on it is success, so
 * the process exits 0 rather than the JVM's 143. Quarkus.asyncExit runs the normal graceful stop:
 * readiness DOWN, new requests 503, requests in flight finished within SHUTDOWN_TIMEOUT.
 */
@QuarkusMain
public class SessionStoreMain {

    public static void main(String... args) {
        Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
        Quarkus.run(args);
    }
}
