package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.LocalServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The run's metrics reach a real Prometheus Pushgateway ({@code prometheus-pushgateway}, started here
 * on a free loopback port), grouped by the selected warehouses; a later failed run keeps the last
 * success time (shutdown-operation POST); a Pushgateway that is not there does not change the exit code.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsPushIT {

    private static final String TOKEN = "tok-metrics-5c1d";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    private LocalServer gateway;

    @BeforeEach
    void startPushgateway() throws Exception {
        gateway = LocalServer.start(Path.of("/usr/bin/prometheus-pushgateway"), "prometheus-pushgateway",
                stateDir.resolve("pushgateway.log"), LocalServer::pushgatewayArgs);
    }

    @AfterEach
    void stopPushgateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void pushesEachWarehouseGroupedByTheSelectionAndKeepsTheLastSuccessAfterAFailedRun(CapturedOutput output)
            throws Exception {
        int exit = demo().run();
        assertThat(exit).isEqualTo(ExitCodes.SUCCESS);
        assertThat(output).contains("Metrics pushed to the Prometheus Pushgateway");
        String metrics = metrics();
        String labels = "instance=\"\",job=\"secoda-sync\",warehouse=\"demo\",warehouses=\"demo\"";
        double success = value(metrics, "secoda_sync_last_success_timestamp_seconds", labels);
        assertThat(success).isBetween(System.currentTimeMillis() / 1000.0 - 300, System.currentTimeMillis() / 1000.0 + 1);
        assertThat(value(metrics, "secoda_sync_tables", labels)).isEqualTo(4);
        assertThat(value(metrics, "secoda_sync_columns", labels)).isEqualTo(16);
        assertThat(value(metrics, "secoda_sync_uploaded", labels)).isZero();
        assertThat(value(metrics, "secoda_sync_refused", labels)).isZero();
        assertThat(value(metrics, "secoda_sync_failed", labels)).isZero();
        assertThat(value(metrics, "secoda_sync_duration_seconds", labels)).isPositive();
        assertThat(value(metrics, "secoda_sync_exit_code", "instance=\"\",job=\"secoda-sync\",warehouses=\"demo\""))
                .isZero();

        // The same warehouse fails: the last success stays, failed and the exit code say so.
        int failed = demo().warehouse(0, "jdbc-url", "jdbc:h2:mem:metrics-broken;INIT=RUNSCRIPT FROM 'classpath:no-such.sql'")
                .run();
        assertThat(failed).isEqualTo(ExitCodes.FAILED);
        String after = metrics();
        assertThat(value(after, "secoda_sync_last_success_timestamp_seconds", labels)).isEqualTo(success);
        assertThat(value(after, "secoda_sync_failed", labels)).isEqualTo(1);
        assertThat(value(after, "secoda_sync_exit_code", "instance=\"\",job=\"secoda-sync\",warehouses=\"demo\""))
                .isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void anUploadThenARefusalKeepsTheLastSuccessAndSaysRefused() throws Exception {
        new FakeSecoda(TOKEN, 20).on(server);
        String labels = "instance=\"\",job=\"secoda-sync\",warehouse=\"demo\",warehouses=\"demo\"";
        assertThat(demo().secoda(server.url("/"), TOKEN).run()).isEqualTo(ExitCodes.SUCCESS);
        String uploaded = metrics();
        assertThat(value(uploaded, "secoda_sync_uploaded", labels)).isEqualTo(1);
        double success = value(uploaded, "secoda_sync_last_success_timestamp_seconds", labels);

        // The same warehouse now exports nothing: the empty-catalog guard refuses (exit 4).
        int refused = demo().secoda(server.url("/"), TOKEN)
                .warehouse(0, "jdbc-url", "jdbc:h2:mem:metrics-empty-" + System.nanoTime()).run();
        assertThat(refused).isEqualTo(ExitCodes.GUARD_REFUSED);
        String after = metrics();
        assertThat(value(after, "secoda_sync_refused", labels)).isEqualTo(1);
        assertThat(value(after, "secoda_sync_uploaded", labels)).isZero();
        assertThat(value(after, "secoda_sync_last_success_timestamp_seconds", labels)).isEqualTo(success);
        assertThat(value(after, "secoda_sync_exit_code", "instance=\"\",job=\"secoda-sync\",warehouses=\"demo\""))
                .isEqualTo(ExitCodes.GUARD_REFUSED);
        assertThat(after).doesNotContain(TOKEN);
    }

    @Test
    void aPushgatewayThatIsNotThereChangesNoExitCode(CapturedOutput output) throws Exception {
        int exit = demo().set("management.prometheus.metrics.export.pushgateway.address",
                        "127.0.0.1:" + LocalServer.freePort())
                .run();
        assertThat(exit).isEqualTo(ExitCodes.SUCCESS);
        assertThat(output).contains("Could not push the metrics to the Prometheus Pushgateway");
    }

    private JobArgs.Builder demo() {
        return JobArgs.builder().stateDir(stateDir).warehouse(JobArgs.demo(0, "metrics-" + System.nanoTime()))
                .set("management.prometheus.metrics.export.pushgateway.enabled", true)
                .set("management.prometheus.metrics.export.pushgateway.address", gateway.address())
                .set("secoda.api-token", "");
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = gateway.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s{%s} in%n%s", name, labels, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
