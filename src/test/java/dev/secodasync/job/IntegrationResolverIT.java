package dev.secodasync.job;

import dev.secodasync.testsupport.Warehouses;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.secoda.SecodaClient;
import dev.secodasync.secoda.SecodaProtocolException;
import dev.secodasync.secoda.SecodaRetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.state.IntegrationStateStore;
import dev.secodasync.testsupport.FakeSecoda;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import tools.jackson.databind.json.JsonMapper;

/** Creating the integration once: state store first, then Secoda's list, create only as a last resort. */
class IntegrationResolverIT {

    private static final String TOKEN = "tok-resolver";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    @BeforeEach
    void setUp() {
        secoda = new FakeSecoda(TOKEN, 2).on(server);
    }

    private IntegrationResolver resolver(Path dir) {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + dir.resolve("repo").toAbsolutePath(), "sa", "");
        new ResourceDatabasePopulator(new FileSystemResource("sql/state/schema.sql")).execute(ds);
        SecodaRetry retry = new SecodaRetry(SecodaRetry.settings(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
        SecodaClient client = new SecodaClient(server.url("/"), TOKEN, SecodaClient.httpClient(server.url("/")).build(),
                JsonMapper.builder().build(), retry);
        return new IntegrationResolver(client, new IntegrationStateStore(ds, SqlFiles.builtIn()), retry);
    }

    private static WarehouseProperties warehouse(String integrationName, String integrationId) {
        return Warehouses.postgres("wh", "jdbc:postgresql://x/y").integrationName(integrationName)
                .integrationId(integrationId).includeSchemas(List.of()).excludeSchemas(List.of()).build();
    }

    @Test
    void createsOnceThenRemembers() {
        // given
        IntegrationResolver resolver = resolver(stateDir);

        // when
        IntegrationResolver.Resolved first = resolver.resolve(warehouse("analytics", null));
        int requestsAfterFirst = server.getRequestCount();
        IntegrationResolver.Resolved second = resolver.resolve(warehouse("analytics", null));

        // then
        assertThat(secoda.creates()).containsExactly("analytics");
        assertThat(first.source()).isEqualTo(IntegrationResolver.Source.CREATED);
        assertThat(second).isEqualTo(new IntegrationResolver.Resolved(first.id(), IntegrationResolver.Source.STATE_STORE));
        assertThat(server.getRequestCount()).isEqualTo(requestsAfterFirst);
        assertThat(secoda.integrations()).singleElement().satisfies(i -> assertThat(i.get("type")).isEqualTo("postgres"));
    }

    @Test
    void aLostStateDirectoryFindsTheIntegrationByNameOnALaterPage() {
        // given: the integration exists on page 3 of Secoda's list, the state store is new
        for (int i = 0; i < 4; i++) {
            secoda.existing("other-" + i, "custom");
        }
        String id = secoda.existing("analytics", "postgres");

        // when
        IntegrationResolver.Resolved resolved = resolver(stateDir.resolve("fresh")).resolve(warehouse("analytics", null));

        // then
        assertThat(resolved).isEqualTo(new IntegrationResolver.Resolved(id, IntegrationResolver.Source.SECODA_LIST));
        assertThat(secoda.creates()).isEmpty();
    }

    @Test
    void twoIntegrationsOfTheSameNameAreNotGuessedBetween() {
        // given
        String a = secoda.existing("analytics", "postgres");
        String b = secoda.existing("analytics", "postgres");

        // when / then
        assertThatThrownBy(() -> resolver(stateDir).resolve(warehouse("analytics", null)))
                .hasMessageContaining("2 Secoda integrations are named 'analytics'")
                .hasMessageContaining(a).hasMessageContaining(b)
                .hasMessageContaining("integration-id");
        assertThat(secoda.creates()).isEmpty();
    }

    @Test
    void aConfiguredIdIsUsedWithoutAnyCall() {
        // when
        IntegrationResolver.Resolved resolved = resolver(stateDir).resolve(warehouse("analytics", "given-id"));

        // then
        assertThat(resolved.id()).isEqualTo("given-id");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aListAnswerThatIsNotAPageFailsBeforeAnyCreate() {
        // given: a maintenance answer with status 200, then entries without id
        secoda.failNext(r -> FakeSecoda.answer(200, "{\"detail\": \"maintenance\"}"));

        // when / then
        assertThatThrownBy(() -> resolver(stateDir).resolve(warehouse("analytics", null)))
                .isInstanceOf(SecodaProtocolException.class).hasMessageContaining("not a page of integrations");
        secoda.failNext(r -> FakeSecoda.answer(200, "{\"links\": {\"next\": null}, \"results\": [{\"name\": \"analytics\"}]}"));
        assertThatThrownBy(() -> resolver(stateDir).resolve(warehouse("analytics", null)))
                .isInstanceOf(SecodaProtocolException.class).hasMessageContaining("entry 0 has no id");
        assertThat(secoda.creates()).isEmpty();
    }
}
