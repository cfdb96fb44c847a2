package dev.secodasync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server from Debian's packages (the Prometheus Pushgateway, Prometheus itself) run for one test on
 * a free loopback port, ready once its {@code /-/ready} answers 200, stopped by {@link #close()}.
 * A missing binary fails the test with the package to install: never a skip, as for PostgreSQL.
 */
public final class LocalServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;

    private final int port;

    private final Path log;

    private LocalServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code binary} with the arguments {@code args} makes for a free port, its output in
     * {@code log}, and waits up to 30 s for it to be ready.
     */
    public static LocalServer start(Path binary, String debianPackage, Path log, IntFunction<List<String>> args)
            throws IOException, InterruptedException {
        requireExecutable(binary, debianPackage);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(args.apply(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalServer server = new LocalServer(process, port, log);
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (Throwable notReady) {
            server.close();
            throw notReady;
        }
        return server;
    }

    private void awaitReady(Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                // Alive too: not another process that took the port in between.
                if (get("/-/ready").statusCode() == 200 && process.isAlive()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(process.isAlive()).as("%s running; its log:%n%s", log.getFileName(), Files.readString(log))
                    .isTrue();
            assertThat(System.nanoTime()).as("%s ready within %s", log.getFileName(), limit).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Fails the test, naming the package to install, when {@code binary} is not there. */
    public static void requireExecutable(Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            fail(binary + " is missing: .ci/run installs it (apt-get install -y --no-install-recommends "
                    + debianPackage + ")");
        }
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code host:port}, as the job's Pushgateway address and Prometheus' scrape targets take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** A GET of {@code pathAndQuery} on this server. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A Pushgateway's arguments for {@code port}: in memory only. Debian's build persists to
     * /var/lib/prometheus/pushgateway.data by default, which would carry one test's metrics into the next.
     */
    public static List<String> pushgatewayArgs(int port) {
        return List.of("--web.listen-address=127.0.0.1:" + port, "--persistence.file=");
    }

    /** A port nothing listens on at the moment. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
