package dev.secodasync.job;

import dev.secodasync.secoda.SecodaClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A stop signal during a run (SIGTERM: Kubernetes' {@code activeDeadlineSeconds}, an eviction, a
 * rollout; Ctrl-C): the running steps are told to stop (extractions stop between rows, Secoda calls
 * are cancelled, warehouses not started yet do not start), partial files are removed by the steps,
 * the steps end as failed so that no later run needs to recover them, the run summary says
 * {@code interrupted}, and the process exits {@value #EXIT_CODE} within {@link #GRACE}.
 */
class RunInterruption {

    private static final Logger log = LoggerFactory.getLogger(RunInterruption.class);

    /** 128 + SIGTERM, as a shell reports a process ended by the signal. */
    static final int EXIT_CODE = 143;

    /** Within Kubernetes' default 30 s grace period. */
    static final Duration GRACE = Duration.ofSeconds(20);

    private final SecodaClient client;

    private final List<Stoppable> steps = new CopyOnWriteArrayList<>();

    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile boolean requested;

    private final List<Signal> signals = List.of(new Signal("TERM"), new Signal("INT"));

    // The handlers replaced, to put back when the run ends.
    private final Map<Signal, SignalHandler> installed = new ConcurrentHashMap<>();

    /** What a step does when the run is stopped. */
    interface Stoppable {
        void stop();
    }

    RunInterruption(SecodaClient client) {
        this.client = client;
    }

    void register(Stoppable step) {
        steps.add(step);
    }

    /** True once a stop signal came. */
    boolean requested() {
        return requested;
    }

    /**
     * Handles SIGTERM and SIGINT for the length of the run instead of the JVM's shutdown: a
     * shutdown would run H2's and Spring's hooks, closing the job repository under the steps still
     * stopping, so the run could neither record its end nor write its summary.
     */
    void install() {
        for (Signal signal : signals) {
            try {
                installed.put(signal, Signal.handle(signal, s -> onSignal()));
            } catch (IllegalArgumentException ignoredByTheShell) {
                // A background job of a shell script starts with SIGINT ignored; it stays ignored.
                log.debug("SIG{} is not handled: {}", signal.getName(), ignoredByTheShell.getMessage());
            }
        }
    }

    /** The run ended and its summary is written; the JVM's own handling of the signals is back. */
    void finished() {
        finished.countDown();
        installed.forEach(Signal::handle);
        installed.clear();
    }

    private void onSignal() {
        if (requested) {
            return;
        }
        requested = true;
        Thread watchdog = new Thread(this::stopWithin, "secoda-sync-stop");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void stopWithin() {
        log.warn("Stop signal received: stopping the run (running warehouses stop, partial files are removed,"
                + " nothing more is uploaded)");
        steps.forEach(Stoppable::stop);
        client.cancelAll();
        try {
            if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.error("The run did not stop within {} s; exiting anyway", GRACE.toSeconds());
                System.exit(EXIT_CODE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
