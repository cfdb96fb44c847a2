package dev.secodasync.job;

import dev.secodasync.report.WarehouseResult;
import dev.secodasync.support.Errors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.util.StringUtils;

/**
 * The run's metrics for alerting, pushed once to a Prometheus Pushgateway at the end of the run
 * when {@code management.prometheus.metrics.export.pushgateway.enabled=true} (off by default: then
 * nothing is created). Spring Boot's own settings are used ({@link PrometheusProperties}: address,
 * scheme, format, job, grouping key, basic auth or token, shutdown operation) with the Prometheus
 * client's {@link PushGateway}. Spring Boot's auto-configured push manager is not used: in the
 * AOT-processed jar its condition would be fixed at build time, and it pushes only from a
 * scheduler and on context close, where a failure could not be kept to one line.
 *
 * <p>Per warehouse (tag {@code warehouse}): {@code secoda_sync_last_success_timestamp_seconds}
 * (only when the warehouse succeeded, so that with {@code shutdown-operation=post} the gateway
 * keeps the previous success otherwise), {@code secoda_sync_duration_seconds},
 * {@code secoda_sync_tables}, {@code secoda_sync_columns}, {@code secoda_sync_uploaded},
 * {@code secoda_sync_refused}, {@code secoda_sync_failed} (0 or 1); for the run
 * {@code secoda_sync_exit_code}. Grouping key {@code warehouses}: the selected warehouses, comma-joined,
 * unless the grouping key names it already. A failed push is logged as one line and never changes
 * the exit code.
 */
public class RunMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    /** The grouping key that keeps runs of different warehouses (per-warehouse pods) apart. */
    public static final String GROUPING_KEY = "warehouses";

    private static final String DEFAULT_JOB = "secoda-sync";

    private final PrometheusProperties.Pushgateway settings;

    private final Clock clock;

    RunMetrics(PrometheusProperties properties, Clock clock) {
        this.settings = properties.getPushgateway();
        this.clock = clock;
    }

    /** True when the metrics are pushed at the end of the run. */
    public boolean enabled() {
        return settings.isEnabled();
    }

    /**
     * Pushes the run's metrics when enabled.
     *
     * @param warehouses the selected warehouses (the grouping key)
     * @param results every warehouse's outcome (empty when the job did not run)
     * @param exitCode the process exit code
     */
    public void push(List<String> warehouses, List<WarehouseResult> results, int exitCode) {
        if (!enabled()) {
            return;
        }
        try {
            PrometheusMeterRegistry registry = registry(results, exitCode);
            PushGateway gateway = gateway(registry, String.join(",", warehouses));
            switch (settings.getShutdownOperation()) {
                case POST -> gateway.pushAdd();
                case PUT -> gateway.push();
                case DELETE -> gateway.delete();
                case NONE -> {
                    log.warn("Metrics not pushed: management.prometheus.metrics.export.pushgateway.shutdown-operation=none");
                    return;
                }
            }
            log.info("Metrics pushed to the Prometheus Pushgateway at {} (job {}, {}={})", settings.getAddress(),
                    job(), GROUPING_KEY, String.join(",", warehouses));
        } catch (Exception | LinkageError e) {
            log.error("Could not push the metrics to the Prometheus Pushgateway at {} (the exit code is unchanged): {}",
                    settings.getAddress(), Errors.oneLine(e));
        }
    }

    PrometheusMeterRegistry registry(List<WarehouseResult> results, int exitCode) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        double now = clock.millis() / 1000.0;
        for (WarehouseResult r : results) {
            String name = r.name();
            if (r.status().succeeded()) {
                gauge(registry, "secoda_sync_last_success_timestamp_seconds", name,
                        "When the warehouse last synced successfully (Unix time)", () -> now);
            }
            gauge(registry, "secoda_sync_duration_seconds", name, "How long the warehouse's sync took",
                    () -> r.duration().toMillis() / 1000.0);
            if (r.stats() != null) {
                gauge(registry, "secoda_sync_tables", name, "Tables and views in the CSV", () -> r.stats().tables());
                gauge(registry, "secoda_sync_columns", name, "Columns in the CSV", () -> r.stats().columns());
            }
            gauge(registry, "secoda_sync_uploaded", name, "1 when Secoda accepted the CSV in this run",
                    () -> r.uploaded() ? 1 : 0);
            gauge(registry, "secoda_sync_refused", name, "1 when a guard refused the upload",
                    () -> r.status() == WarehouseResult.Status.REFUSED ? 1 : 0);
            gauge(registry, "secoda_sync_failed", name, "1 when the warehouse failed",
                    () -> r.status() == WarehouseResult.Status.FAILED ? 1 : 0);
        }
        Gauge.builder("secoda_sync_exit_code", () -> exitCode).description("The run's exit code").register(registry);
        return registry;
    }

    private static void gauge(PrometheusMeterRegistry registry, String metric, String warehouse, String description,
            Supplier<Number> value) {
        Gauge.builder(metric, value).tag("warehouse", warehouse).description(description).register(registry);
    }

    private PushGateway gateway(PrometheusMeterRegistry registry, String warehouses) {
        PushGateway.Builder builder = PushGateway.builder()
                .address(settings.getAddress())
                .scheme(settings.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS ? Scheme.HTTPS : Scheme.HTTP)
                .format(settings.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT
                        ? Format.PROMETHEUS_TEXT : Format.PROMETHEUS_PROTOBUF)
                .job(job())
                .registry(registry.getPrometheusRegistry());
        if (StringUtils.hasText(settings.getToken())) {
            builder.bearerToken(settings.getToken());
        } else if (StringUtils.hasText(settings.getUsername())) {
            builder.basicAuth(settings.getUsername(), settings.getPassword());
        }
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put(GROUPING_KEY, warehouses);
        grouping.putAll(settings.getGroupingKey());
        grouping.forEach(builder::groupingKey);
        return builder.build();
    }

    private String job() {
        return StringUtils.hasText(settings.getJob()) ? settings.getJob() : DEFAULT_JOB;
    }
}
