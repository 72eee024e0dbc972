package io.mcp.sessionstore;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcp.sessionstore.problem.RequestTargetCheck;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * SIGTERM is how Kubernetes and Docker stop the service; stopping gracefully on it is success, so
 * the process exits 0 rather than the JVM's 128 + signal. The JVM's own signal handling starts the
 * stop, so every shutdown hook runs, Quarkus' among them (readiness DOWN, new requests 503, requests
 * in flight finished within SHUTDOWN_TIMEOUT). Only the exit status is ours: a hook of our own waits
 * until the application has stopped and the other hooks have finished, then halts with the status
 * Quarkus reports. No signal API, so a native image behaves the same. Dev mode keeps Quarkus' exit
 * handling (restarts, the dev database's hooks); the status there is the JVM's.
 */
@QuarkusMain
public class SessionStoreMain {

    /** How long the exit waits for the other shutdown hooks once the application has stopped. */
    private static final long HOOKS_WAIT_SECONDS = 10;
    private static final int KEEP_JVM_STATUS = -1;
    private static final CompletableFuture<Integer> STOPPED = new CompletableFuture<>();

    public static void main(String... args) {
        // Quarkus' bare 400 for a request target that is no URI gives way to RequestTargetCheck's problem body
        System.setProperty(RequestTargetCheck.DISABLE_QUARKUS_CHECK, "true");
        if (!startedByDevOrTestBootstrap()) {
            installExitStatusHook();
            ApplicationLifecycleManager.setDefaultExitCodeHandler(SessionStoreMain::exit);
        }
        Quarkus.run(args);
    }

    /**
     * Dev mode and the tests run main from Quarkus' bootstrap, with an exit handler of theirs set
     * (restart on reload, report to the test). LaunchMode cannot tell yet: the application class
     * that sets it is loaded by Quarkus.run.
     */
    private static boolean startedByDevOrTestBootstrap() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().startsWith("io.quarkus.runner.bootstrap.")));
    }

    /** Quarkus calls this on the main thread once the application has stopped or failed to start. */
    private static void exit(int code, Throwable failure) {
        if (failure == null && ApplicationLifecycleManager.isVmShuttingDown()) {
            stoppedDuringShutdown(code); // System.exit would block for good inside a shutdown
        } else {
            STOPPED.complete(KEEP_JVM_STATUS);
            System.exit(code);
        }
    }

    /** The application has stopped in a shutdown a signal began: the process is to end with {@code code}. */
    public static void stoppedDuringShutdown(int code) {
        STOPPED.complete(code);
    }

    /**
     * The JVM halts with 128 + signal once its last hook returns, so the status has to be set by a
     * hook: this one waits for {@link #stoppedDuringShutdown}, then for the other hooks, then halts.
     */
    public static void installExitStatusHook() {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Integer code = awaitStop(main);
            if (code != null && code != KEEP_JVM_STATUS) {
                awaitOtherHooks(main);
                Runtime.getRuntime().halt(code);
            }
        }, "exit-status"));
    }

    private static Integer awaitStop(Thread main) {
        while (true) {
            try {
                return STOPPED.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!main.isAlive()) {
                    return STOPPED.getNow(null);
                }
            } catch (InterruptedException | ExecutionException e) {
                return null;
            }
        }
    }

    /**
     * Hooks run concurrently. Not waited for: the thread that began the shutdown (inside
     * java.lang.Shutdown, waiting for the hooks), threads without Java frames (DestroyJavaVM waits for
     * the hooks too), daemons, and the main thread, which is returning.
     */
    private static void awaitOtherHooks(Thread main) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOOKS_WAIT_SECONDS);
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            StackTraceElement[] stack = entry.getValue();
            boolean beganShutdown = Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals("java.lang.Shutdown"));
            if (thread == Thread.currentThread() || thread == main || thread.isDaemon() || stack.length == 0
                    || beganShutdown) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
