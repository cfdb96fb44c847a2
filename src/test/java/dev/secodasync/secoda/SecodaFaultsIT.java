package dev.secodasync.secoda;

import dev.secodasync.testsupport.Warehouses;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.job.IntegrationResolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.state.IntegrationStateStore;
import dev.secodasync.testsupport.FakeSecoda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import tools.jackson.databind.json.JsonMapper;

/** Fault scripts: what is retried, what is not, and that a retry never leaves two integrations. */
@ExtendWith(OutputCaptureExtension.class)
class SecodaFaultsIT {

    private static final String TOKEN = "tok-faults-51c0";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    FakeSecoda secoda;

    Path csv;

    @BeforeEach
    void setUp() throws Exception {
        secoda = new FakeSecoda(TOKEN, 10).on(server);
        csv = dir.resolve("w.csv");
        Files.writeString(csv, "col_name,col_description\r\n" + "x,".repeat(1_000_000) + "\r\n");
    }

    private SecodaRetry retry(int attempts) {
        return new SecodaRetry(SecodaRetry.settings(attempts, Duration.ofMillis(5), Duration.ofSeconds(20)));
    }

    private SecodaClient client(int attempts, Duration readTimeout) {
        return new SecodaClient(server.url("/"), TOKEN, SecodaClient.httpClient(server.url("/")).readTimeout(readTimeout).build(),
                JsonMapper.builder().build(), retry(attempts));
    }

    @Test
    void tooManyRequestsWithRetryAfterWaitsAsAsked() {
        // given
        String id = secoda.existing("w", "custom");
        secoda.failNext(r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("slow down").build());

        // when
        long started = System.nanoTime();
        client(3, Duration.ofSeconds(5)).importMetadata(id, csv);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        // then
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(950);
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOffAndRetries() {
        // given
        String id = secoda.existing("w", "custom");
        secoda.failNext(r -> FakeSecoda.answer(429, "{\"detail\":\"Request was throttled.\"}"));
        secoda.failNext(r -> FakeSecoda.answer(429, "{\"detail\":\"Request was throttled.\"}"));

        // when
        client(3, Duration.ofSeconds(5)).importMetadata(id, csv);

        // then
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void serviceUnavailableThenSuccess() throws Exception {
        // given
        String id = secoda.existing("w", "custom");
        secoda.failNext(r -> FakeSecoda.answer(503, "<html>503 Service Unavailable</html>"));

        // when
        client(3, Duration.ofSeconds(5)).importMetadata(id, csv);

        // then
        assertThat(secoda.uploads()).singleElement().satisfies(u -> assertThat(u.bytes()).isEqualTo(Files.readAllBytes(csv)));
    }

    @Test
    void aConnectionDroppedInTheMiddleOfTheUploadBodyIsRetriedWithTheWholeFile(CapturedOutput output) throws Exception {
        // given
        String id = secoda.existing("w", "custom");
        secoda.dropNextRequestBody();

        // when
        client(3, Duration.ofSeconds(5)).importMetadata(id, csv);

        // then: the first attempt broke off (the client was still sending), the second carried the whole file
        assertThat(output).containsOnlyOnce("failed (attempt 1 of 3): no answer from Secoda");
        assertThat(secoda.uploads()).singleElement().satisfies(u -> assertThat(u.bytes()).isEqualTo(Files.readAllBytes(csv)));
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        // given
        String id = secoda.existing("w", "custom");
        for (int i = 0; i < 5; i++) {
            secoda.failNext(r -> FakeSecoda.answer(502, "bad gateway"));
        }

        // when / then
        assertThatThrownBy(() -> client(3, Duration.ofSeconds(5)).importMetadata(id, csv))
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("gave up after 3 attempts");
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(secoda.uploads()).isEmpty();
    }

    @Test
    void clientErrorsAreNotRetried() {
        // given
        String id = secoda.existing("w", "custom");
        secoda.failNext(r -> FakeSecoda.answer(400, "{\"file\":[\"The submitted data was not a file.\"]}"));

        // when / then
        assertThatThrownBy(() -> client(5, Duration.ofSeconds(5)).importMetadata(id, csv))
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("not a file");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRejectedTokenIsNotRetriedAndNamesTheBaseUrlNotTheToken() {
        // given
        SecodaClient wrongToken = new SecodaClient(server.url("/"), "wrong-secret-token", SecodaClient.httpClient(server.url("/")).build(),
                JsonMapper.builder().build(), retry(5));

        // when / then
        assertThatThrownBy(() -> wrongToken.importMetadata("any", csv))
                .hasMessageContaining("rejected the API token (HTTP 401)")
                .hasMessageContaining(server.url("/").toString())
                .hasMessageNotContaining("wrong-secret-token");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aCreateThatTimedOutAfterSecodaCreatedTheIntegrationIsFoundNotRepeated() {
        // given: the server creates the integration but answers too late for the client
        secoda.failNext(request -> {
            if (!request.getMethod().equals("POST")) {
                return null;
            }
            secoda.existing("analytics", "postgres");
            return new MockResponse.Builder().code(201).headersDelay(2, TimeUnit.SECONDS).body("{}").build();
        });
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + dir.resolve("repo").toAbsolutePath(), "sa", "");
        new ResourceDatabasePopulator(new FileSystemResource("sql/state/schema.sql")).execute(ds);
        IntegrationResolver resolver = new IntegrationResolver(client(4, Duration.ofMillis(300)),
                new IntegrationStateStore(ds, SqlFiles.builtIn()), retry(4));
        WarehouseProperties warehouse = Warehouses.postgres("wh", "jdbc:postgresql://x/y").integrationName("analytics")
                .includeSchemas(List.of()).excludeSchemas(List.of()).build();

        // when
        IntegrationResolver.Resolved resolved = resolver.resolve(warehouse);

        // then
        assertThat(secoda.integrations()).singleElement().satisfies(i -> assertThat(i.get("id")).isEqualTo(resolved.id()));
    }

    @Test
    void anAnswerTrickledAByteAtATimeIsCutOffByTheCallTimeout() throws Exception {
        // given: each byte comes well within the read timeout, the whole answer would take 40 s
        String id = secoda.existing("w", "custom");
        secoda.failNext(r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"ok\": \"" + "x".repeat(100) + "\"}").throttleBody(1, 400, TimeUnit.MILLISECONDS).build());
        SecodaClient client = new SecodaClient(server.url("/"), TOKEN, SecodaClient.httpClient(server.url("/"))
                .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(1)).build(),
                JsonMapper.builder().build(), new SecodaRetry(SecodaRetry.settings(1, Duration.ofMillis(10),
                        Duration.ofSeconds(1))));

        // when / then
        assertThatThrownBy(() -> client.importMetadata(id, csv))
                .isInstanceOf(SecodaUnreachableException.class).hasMessageContaining("timeout");
    }

    @Test
    void aRetryAfterBeyondTheRetryBudgetSaysThatIsWhyItGaveUp() {
        // given: Secoda asks for an hour, the budget is 20 s
        String id = secoda.existing("w", "custom");
        secoda.failNext(r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").body("slow down").build());

        // when / then: no hour-long wait, and the message says why
        assertThatThrownBy(() -> client(5, Duration.ofSeconds(5)).importMetadata(id, csv))
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> assertThat(e.status()).isEqualTo(429))
                .hasMessageContaining("asked to wait 3600 s with Retry-After")
                .hasMessageContaining("secoda.retry.max-elapsed=PT20S");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anUploadSaysHowFarItIsWhileItGoes(CapturedOutput output) throws Exception {
        // given: a CSV of about 3 MB and a line wanted as often as the writes come
        String id = secoda.existing("w", "custom");
        Path big = Files.writeString(csv.resolveSibling("big.csv"), "x,y\n".repeat(750_000));

        // when
        client(1, Duration.ofSeconds(5)).importMetadata(id, big, Duration.ZERO);

        // then
        assertThat(output).contains("Upload of big.csv: ").contains("of 3.0 MB sent").contains("MB/s");
        assertThat(secoda.uploads()).hasSize(1);
    }
}
