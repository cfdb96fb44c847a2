package dev.secodasync.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Human-readable logs by default, JSON lines with Spring Boot's ECS format; no secret in either. */
@ExtendWith(OutputCaptureExtension.class)
class LoggingFormatsIT {

    private static final String TOKEN = "tok-77e1d0aa-logs";

    private static final String PASSWORD = "pg-pass-logs-9931";

    private static final String URL_PASSWORD = "url-pass-logs-5521";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    @BeforeEach
    void fakeSecoda() {
        new FakeSecoda(TOKEN, 10).on(server);
    }

    // Spring Boot hands logging settings to Logback as JVM system properties and keeps them for
    // later runs in the same JVM (one run per JVM in production): leave none behind.
    @BeforeEach
    @AfterEach
    void forgetStructuredLogging() {
        System.getProperties().stringPropertyNames().stream().filter(n -> n.contains("STRUCTURED"))
                .forEach(System::clearProperty);
    }

    // A failing warehouse whose URL and settings carry passwords, beside one that uploads.
    private int run(String... more) {
        return JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.warehouse(0, "down", "postgres", "jdbc:postgresql://127.0.0.1:1/x?password=" + URL_PASSWORD))
                .warehouse(0, "username", "reader").warehouse(0, "password", PASSWORD)
                .warehouse(JobArgs.warehouse(1, "demo", "h2",
                        "jdbc:h2:mem:logs_demo;INIT=RUNSCRIPT FROM 'classpath:sql/h2/demo-warehouse.sql'"))
                .args(more).run();
    }

    @Test
    void ecsFormatWritesOnlyJsonLines(CapturedOutput output) {
        // when
        run("--logging.structured.format.console=ecs");

        // then
        List<String> lines = output.getOut().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(3);
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
        }
        assertThat(lines).anySatisfy(l -> assertThat(JSON.readTree(l).path("log").path("level").asString()).isEqualTo("ERROR"));
        assertThat(output.getOut()).contains("Warehouse 'down' failed").contains("password=****");
        assertThat(output.getAll()).doesNotContain(TOKEN, PASSWORD, URL_PASSWORD);
    }

    @Test
    void defaultFormatIsForPeopleAndEndsWithTheSummaryLine(CapturedOutput output) {
        // when
        run();

        // then
        List<String> lines = output.getOut().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(0)).doesNotStartWith("{").containsPattern("^\\d{4}-\\d\\d-\\d\\dT");
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("status").asString()).isEqualTo("partial");
        assertThat(output.getOut()).contains("Warehouse 'down' failed").contains("password=****");
        assertThat(output.getAll()).doesNotContain(TOKEN, PASSWORD, URL_PASSWORD);
    }
}
