package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.LocalServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped alert rules ({@code config/prometheus/secoda-sync-alerts.yml}) wired as the README and
 * {@code prometheus.example.yml} say, in a real Prometheus scraping a real Pushgateway that real runs
 * push to: never-synced fires and clears, stays quiet for a failure after a success, and a refusal
 * fires. The 26-hour rule and every clearing are in the rules' own unit tests, run with
 * {@code promtool} with the example configuration's check.
 */
class MetricsAlertsIT {

    private static final Path RULES_DIR = Path.of("config/prometheus");

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final String TOKEN = "tok-alerts-81f2";

    /** A warehouse whose catalog query cannot run: the run fails. */
    private static final String BROKEN = "jdbc:h2:mem:alerts-broken;INIT=RUNSCRIPT FROM 'classpath:no-such.sql'";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @StartStop
    final MockWebServer secoda = new MockWebServer();

    @TempDir
    Path dir;

    private final List<LocalServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (LocalServer server : servers) {
            server.close(); // waits, then kills: never throws for a server that will not stop
        }
    }

    @Test
    void promtoolAcceptsTheRulesTheExampleConfigurationAndTheRulesUnitTests() throws Exception {
        // when
        String rules = promtool("check", "rules", "secoda-sync-alerts.yml");
        String config = promtool("check", "config", "prometheus.example.yml");
        String unitTests = promtool("test", "rules", "secoda-sync-alerts.test.yml");

        // then (promtool exits 0, checked in promtool())
        assertThat(rules).contains("SUCCESS: 3 rules found");
        assertThat(config).contains("SUCCESS: 1 rule files found");
        assertThat(unitTests).contains("SUCCESS");
    }

    @Test
    void realRunsFireAndClearTheAlertsOfTheirWarehouseInARealPrometheus() throws Exception {
        // given a Pushgateway, and a Prometheus wired to it and to the rules as prometheus.example.yml says
        LocalServer gateway = start("/usr/bin/prometheus-pushgateway", "prometheus-pushgateway", "pushgateway",
                LocalServer::pushgatewayArgs);
        Path config = prometheusConfig(gateway);
        LocalServer prometheus = start("/usr/bin/prometheus", "prometheus", "prometheus",
                port -> List.of("--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port));
        String name = "shop";
        new FakeSecoda(TOKEN, 20).on(secoda);

        // when a new warehouse's first run fails, it is reported as never synced
        assertThat(run(gateway, name, BROKEN))
                .isEqualTo(ExitCodes.FAILED);
        JsonNode never = awaitFiring(prometheus, "SecodaSyncNeverSucceeded", name);
        assertThat(never.path("labels").path("job").asString()).isEqualTo("secoda-sync");
        assertThat(never.path("labels").path("warehouses").asString()).isEqualTo(name);

        // when it is then synced, that alert clears and nothing fires for it
        assertThat(run(gateway, name, demoUrl("alerts-" + System.nanoTime()))).isEqualTo(ExitCodes.SUCCESS);
        awaitQuery(prometheus, "secoda_sync_uploaded{job=\"secoda-sync\",warehouse=\"" + name + "\"} == 1");
        awaitNoAlerts(prometheus, name);

        // when it fails again, the success on record keeps it from "never synced" (and 26 hours
        // have not passed)
        assertThat(run(gateway, name, BROKEN))
                .isEqualTo(ExitCodes.FAILED);
        awaitQuery(prometheus, "secoda_sync_failed{job=\"secoda-sync\",warehouse=\"" + name + "\"} == 1");
        awaitNoAlerts(prometheus, name);

        // when its catalog comes back empty, the guard's refusal fires
        assertThat(run(gateway, name, "jdbc:h2:mem:alerts-empty-" + System.nanoTime()))
                .isEqualTo(ExitCodes.GUARD_REFUSED);
        JsonNode refused = awaitFiring(prometheus, "SecodaSyncGuardRefused", name);
        assertThat(refused.path("annotations").path("summary").asString())
                .isEqualTo("A guard refused the Secoda upload of warehouse " + name);
        assertThat(firing(prometheus, name)).extracting(a -> a.path("labels").path("alertname").asString())
                .containsExactly("SecodaSyncGuardRefused");
        // (SecodaSyncNoRecentSuccess needs 26 hours: the promtool unit tests cover it)
    }

    private int run(LocalServer gateway, String name, String jdbcUrl) {
        return JobArgs.builder().stateDir(dir.resolve("state")).secoda(secoda.url("/"), TOKEN)
                .warehouse(0, "name", name).warehouse(0, "kind", "h2").warehouse(0, "jdbc-url", jdbcUrl)
                .warehouse(0, "integration-type", "custom")
                .set("management.prometheus.metrics.export.pushgateway.enabled", true)
                .set("management.prometheus.metrics.export.pushgateway.address", gateway.address())
                .run();
    }

    private static String demoUrl(String database) {
        return "jdbc:h2:mem:" + database + ";INIT=RUNSCRIPT FROM 'classpath:sql/h2/demo-warehouse.sql'";
    }

    // The shipped example with this test's Pushgateway, intervals of a second instead of a minute,
    // and the shipped rules beside it (rule_files is relative to the configuration file).
    private Path prometheusConfig(LocalServer gateway) throws IOException {
        String example = Files.readString(RULES_DIR.resolve("prometheus.example.yml"));
        assertThat(example).contains("pushgateway.monitoring:9091");
        Files.copy(RULES_DIR.resolve("secoda-sync-alerts.yml"), dir.resolve("secoda-sync-alerts.yml"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + example.replace("pushgateway.monitoring:9091", gateway.address()));
        return config;
    }

    private LocalServer start(String binary, String debianPackage, String logName,
            IntFunction<List<String>> args) throws Exception {
        LocalServer server = LocalServer.start(Path.of(binary), debianPackage, dir.resolve(logName + ".log"), args);
        servers.add(server);
        return server;
    }

    private static JsonNode awaitFiring(LocalServer prometheus, String alert, String warehouse) {
        return await(alert + " firing for " + warehouse).until(() -> firing(prometheus, warehouse).stream()
                .filter(a -> alert.equals(a.path("labels").path("alertname").asString())).findFirst().orElse(null),
                Objects::nonNull);
    }

    // Until Prometheus has seen the new values, an alert that should clear may still be firing.
    private static void awaitNoAlerts(LocalServer prometheus, String warehouse) throws Exception {
        await("alerts of " + warehouse + " cleared").until(() -> firing(prometheus, warehouse).isEmpty());
        // Two more evaluations: nothing fires again.
        Thread.sleep(2_000);
        assertThat(firing(prometheus, warehouse)).isEmpty();
    }

    private static void awaitQuery(LocalServer prometheus, String query) {
        String path = "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        await("Prometheus answers " + query).until(() -> !get(prometheus, path).path("data").path("result").isEmpty());
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250));
    }

    private static List<JsonNode> firing(LocalServer prometheus, String warehouse) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode a : get(prometheus, "/api/v1/alerts").path("data").path("alerts")) {
            if ("firing".equals(a.path("state").asString())
                    && warehouse.equals(a.path("labels").path("warehouse").asString())) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    private static JsonNode get(LocalServer server, String path) throws Exception {
        var response = server.get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String promtool(String... args) throws Exception {
        LocalServer.requireExecutable(PROMTOOL, "prometheus");
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("promtool-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool %s did not finish within 60 s", String.join(" ", args));
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as("promtool %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
