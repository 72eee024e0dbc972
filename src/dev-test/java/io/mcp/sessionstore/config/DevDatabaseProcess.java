package io.mcp.sessionstore.config;

import java.util.concurrent.CountDownLatch;

import io.mcp.sessionstore.SessionStoreMain;

/**
 * A child JVM for {@link DevDatabaseShutdownTest}: starts (or reuses) the dev database in its working
 * directory as dev mode does, then stops the way the service does: the JVM's own signal handling runs
 * the shutdown hooks, one wakes the main thread (as Quarkus' does), the main thread reports the stop
 * and SessionStoreMain's exit-status hook ends the process once the other hooks are done.
 */
public final class DevDatabaseProcess {

    public static void main(String... args) throws InterruptedException {
        SessionStoreMain.installExitStatusHook();
        CountDownLatch shuttingDown = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(shuttingDown::countDown, "wake-main"));
        String url = DevDatabase.start().get("quarkus.datasource.jdbc.url");
        System.out.println("READY " + url);
        System.out.flush();
        shuttingDown.await();
        SessionStoreMain.stoppedDuringShutdown(0);
    }
}
