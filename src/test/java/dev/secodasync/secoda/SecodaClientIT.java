package dev.secodasync.secoda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.testsupport.FakeSecoda;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The Secoda client against a MockWebServer speaking the documented API. */
class SecodaClientIT {

    private static final String TOKEN = "tok-3f9a2c71-secret";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private SecodaClient client(String token) {
        return new SecodaClient(server.url("/"), token, SecodaClient.httpClient(server.url("/")).build(), JsonMapper.builder().build(),
                new SecodaRetry(SecodaRetry.settings(1, Duration.ofMillis(1), Duration.ofSeconds(1))));
    }

    @Test
    void createPostsTypeNameAndEmptyCredentialsWithBearerToken() throws Exception {
        // given
        server.enqueue(new MockResponse.Builder().code(201)
                .body("{\"id\":\"0b5e\",\"name\":\"analytics\",\"type\":\"postgres\",\"created_at\":\"2026-11-24\"}").build());

        // when
        Integration created = client(TOKEN).createIntegration("analytics", "postgres");

        // then
        assertThat(created).isEqualTo(new Integration("0b5e", "analytics", "postgres"));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/integration/integrations/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(JsonMapper.builder().build().readTree(request.getBody().utf8()).toString())
                .isEqualTo("{\"type\":\"postgres\",\"name\":\"analytics\",\"credentials\":{}}");
    }

    @Test
    void listFollowsEveryPageUntilNextIsNoneOrNull() {
        // given: 5 integrations, 2 per page, the last page says "None"
        FakeSecoda secoda = new FakeSecoda(TOKEN, 2).on(server);
        for (int i = 1; i <= 5; i++) {
            secoda.existing("integration-" + i, "custom");
        }

        // when
        List<Integration> all = client(TOKEN).listIntegrations();

        // then
        assertThat(all).extracting(Integration::name)
                .containsExactly("integration-1", "integration-2", "integration-3", "integration-4", "integration-5");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void listStopsOnNullNext() {
        // given
        server.enqueue(new MockResponse.Builder().code(200).body("{\"links\":{\"next\":null,\"previous\":null},"
                + "\"count\":1,\"total_pages\":1,\"results\":[{\"id\":\"a\",\"name\":\"x\",\"type\":\"custom\"}]}").build());

        // when
        List<Integration> all = client(TOKEN).listIntegrations();

        // then
        assertThat(all).containsExactly(new Integration("a", "x", "custom"));
    }

    @Test
    void aNextLinkWrittenWithAProxysSchemeOrPortStaysOnTheConfiguredOne() throws Exception {
        // given: page 1 links to page 2 as a server behind a TLS proxy writes it (port 80)
        String next = "http://" + server.getHostName() + ":80/integration/integrations/?page=2";
        server.enqueue(new MockResponse.Builder().code(200).body("{\"links\":{\"next\":\"" + next + "\"},"
                + "\"results\":[{\"id\":\"a\",\"name\":\"x\",\"type\":\"custom\"}]}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"links\":{\"next\":\"None\"},"
                + "\"results\":[{\"id\":\"b\",\"name\":\"y\",\"type\":\"custom\"}]}").build());

        // when
        List<Integration> all = client(TOKEN).listIntegrations();

        // then
        assertThat(all).extracting(Integration::id).containsExactly("a", "b");
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("page")).isEqualTo("2");
    }

    @Test
    void listRefusesToSendTheTokenToAnotherHost() {
        // given
        server.enqueue(new MockResponse.Builder().code(200).body("{\"links\":{\"next\":\"https://evil.example/page2\"},"
                + "\"results\":[]}").build());

        // when / then
        assertThatThrownBy(() -> client(TOKEN).listIntegrations())
                .isInstanceOf(SecodaProtocolException.class)
                .hasMessageContaining("another host");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void uploadSendsTheFileAsMultipartFieldFile() throws Exception {
        // given
        FakeSecoda secoda = new FakeSecoda(TOKEN, 50).on(server);
        String id = secoda.existing("analytics", "postgres");
        Path csv = dir.resolve("analytics.csv");
        String content = "col_name,col_description\r\nid,\"Ünïcode, \"\"quoted\"\"\"\r\n";
        Files.writeString(csv, content, StandardCharsets.UTF_8);

        // when
        client(TOKEN).importMetadata(id, csv);

        // then
        assertThat(secoda.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.integrationId()).isEqualTo(id);
            assertThat(upload.fieldName()).isEqualTo("file");
            assertThat(upload.fileName()).isEqualTo("analytics.csv");
            assertThat(upload.text()).isEqualTo(content);
        });
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/integration/integrations/" + id + "/import_metadata/");
    }

    @Test
    void aBasePathPrefixIsKept() throws Exception {
        // given: the newer docs' /api/v1 prefix
        HttpUrl base = server.url("/api/v1/");
        server.enqueue(new MockResponse.Builder().code(200).body("{\"links\":{\"next\":\"None\"},\"results\":[]}").build());

        // when
        new SecodaClient(base, TOKEN, SecodaClient.httpClient(base).build(), JsonMapper.builder().build(),
                new SecodaRetry(SecodaRetry.settings(1, Duration.ofMillis(1), Duration.ofSeconds(1)))).listIntegrations();

        // then
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/integration/integrations/");
    }

    @Test
    void rejectedTokenSaysSoWithoutTheToken() {
        // given
        new FakeSecoda(TOKEN, 50).on(server);

        // when / then
        assertThatThrownBy(() -> client("wrong-token-value").listIntegrations())
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("rejected the API token").contains(server.url("/").toString())
                            .doesNotContain("wrong-token-value");
                });
    }

    @Test
    void errorCarriesStatusAndBody() {
        // given
        server.enqueue(new MockResponse.Builder().code(500).body("<html>upstream exploded</html>").build());

        // when / then
        assertThatThrownBy(() -> client(TOKEN).createIntegration("x", "custom"))
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.body()).isEqualTo("<html>upstream exploded</html>");
                    assertThat(e.getMessage()).contains("HTTP 500").contains("upstream exploded");
                });
    }

    @Test
    void aHugeErrorBodyIsReadOnlyInPartAndTheTokenNeverShowsEvenWhereTheMessageIsCut() {
        // given: a proxy echoes the token right where the kept text ends, in a 5 MB page
        String page = "x".repeat(994) + TOKEN + "y".repeat(5_000_000);
        server.enqueue(new MockResponse.Builder().code(502).body(page).build());

        // when / then
        assertThatThrownBy(() -> client(TOKEN).createIntegration("x", "custom"))
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.body()).hasSizeLessThanOrEqualTo(1003).doesNotContain(TOKEN.substring(0, 4));
                    assertThat(e.getMessage()).doesNotContain(TOKEN.substring(0, 4));
                });
    }

    @Test
    void anAnswerThatIsNotJsonIsReportedWithItsText() {
        // given
        server.enqueue(new MockResponse.Builder().code(200).body("<html>maintenance</html>").build());

        // when / then
        assertThatThrownBy(() -> client(TOKEN).listIntegrations())
                .isInstanceOf(SecodaProtocolException.class)
                .hasMessageContaining("not the expected JSON").hasMessageContaining("maintenance");
    }

    @Test
    void aRedirectIsAnErrorNotASilentGet() {
        // given: a POST redirected would become a GET whose 200 looks like success
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        // when / then
        assertThatThrownBy(() -> client(TOKEN).createIntegration("x", "custom"))
                .isInstanceOfSatisfying(SecodaHttpException.class, e -> assertThat(e.status()).isEqualTo(302));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void healthcheckNeedsNoToken() throws Exception {
        // given
        new FakeSecoda(TOKEN, 50).on(server);

        // when
        client(null).healthcheck();

        // then
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/healthcheck");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }
}
