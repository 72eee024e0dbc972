package io.mcp.sessionstore.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a TCP port of 127.0.0.1 that is free now, for bench/run's servers. */
public final class FreePort {

    private FreePort() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
