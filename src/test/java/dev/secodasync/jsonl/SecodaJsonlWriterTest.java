package dev.secodasync.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import dev.secodasync.testsupport.JsonlLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecodaJsonlWriterTest {

    @TempDir
    Path dir;

    private static ColumnRow column(String db, String schema, String table, boolean view, String column, String type,
            int position) {
        return new ColumnRow(db, schema, table, null, view, null, column, null, type, position);
    }

    private SecodaJsonlWriter writer(boolean viewSql) throws IOException {
        return SecodaJsonlWriter.create(dir.resolve("r.jsonl"), dir.resolve("l.jsonl"),
                new SecodaJsonlWriter.Options("warehouse-1", viewSql));
    }

    private List<String> lines(String file) {
        return JsonlLines.validated(dir.resolve(file)).stream().map(JsonlLines::compact).toList();
    }

    @Test
    void writesParentsBeforeChildrenWithKeysViewSqlAndLineage() throws IOException {
        // given
        TableName orders = new TableName("shop", "sales", "orders");
        TableName recent = new TableName("shop", "sales", "recent");
        SecodaJsonlWriter writer = writer(true);

        // when
        try (writer) {
            writer.write(new TableDetails(orders, "table", null, List.of("id", "region")));
            writer.write(new ColumnRow("shop", "sales", "orders", "All orders", false, 1_700_000_000L, "id",
                    "Key, part 1", "bigint", 1));
            writer.write(column("shop", "sales", "orders", false, "region", "text", 2));
            writer.write(column("shop", "sales", "orders", false, "total", "numeric", 3));
            writer.write(new TableDetails(recent, "view", "SELECT id FROM sales.orders", List.of()));
            writer.write(column("shop", "sales", "recent", true, "id", "bigint", 1));
            writer.write(LineageEdge.from(orders, recent));
            writer.write(LineageEdge.from(new TableName("shop", "staging", "raw"), recent));
        }

        // then
        assertThat(lines("r.jsonl")).containsExactly(
                "{\"entity_type\":\"database\",\"databuilder_id\":\"shop\",\"title\":\"shop\"}",
                "{\"entity_type\":\"schema\",\"databuilder_id\":\"shop.sales\",\"parent_databuilder_id\":\"shop\",\"title\":\"sales\"}",
                "{\"entity_type\":\"table\",\"databuilder_id\":\"shop.sales.orders\",\"parent_databuilder_id\":\"shop.sales\","
                        + "\"title\":\"orders\",\"description\":\"All orders\",\"native_type\":\"table\","
                        + "\"external_updated_at\":\"2023-11-14T22:13:20.000Z\",\"schema\":\"sales\",\"database\":\"shop\"}",
                "{\"entity_type\":\"column\",\"databuilder_id\":\"shop.sales.orders.id\",\"parent_databuilder_id\":\"shop.sales.orders\","
                        + "\"title\":\"id\",\"description\":\"Key, part 1\",\"type\":\"bigint\",\"sort_order\":1,\"is_pk\":true}",
                "{\"entity_type\":\"column\",\"databuilder_id\":\"shop.sales.orders.region\",\"parent_databuilder_id\":\"shop.sales.orders\","
                        + "\"title\":\"region\",\"type\":\"text\",\"sort_order\":2,\"is_pk\":true}",
                "{\"entity_type\":\"column\",\"databuilder_id\":\"shop.sales.orders.total\",\"parent_databuilder_id\":\"shop.sales.orders\","
                        + "\"title\":\"total\",\"type\":\"numeric\",\"sort_order\":3,\"is_pk\":false}",
                "{\"entity_type\":\"table\",\"databuilder_id\":\"shop.sales.recent\",\"parent_databuilder_id\":\"shop.sales\","
                        + "\"title\":\"recent\",\"native_type\":\"view\",\"definition\":\"```sql\\nSELECT id FROM sales.orders\\n```\","
                        + "\"schema\":\"sales\",\"database\":\"shop\"}",
                "{\"entity_type\":\"column\",\"databuilder_id\":\"shop.sales.recent.id\",\"parent_databuilder_id\":\"shop.sales.recent\","
                        + "\"title\":\"id\",\"type\":\"bigint\",\"sort_order\":1,\"is_pk\":false}");
        assertThat(lines("l.jsonl")).containsExactly(
                "{\"from_identifier\":{\"type\":\"internal_resource\",\"databuilder_id\":\"shop.sales.orders\"},"
                        + "\"to_identifier\":{\"type\":\"internal_resource\",\"databuilder_id\":\"shop.sales.recent\"}}",
                "{\"from_identifier\":{\"type\":\"external_table\",\"cluster\":\"warehouse-1\",\"database\":\"shop\","
                        + "\"schema\":\"staging\",\"table\":\"raw\"},"
                        + "\"to_identifier\":{\"type\":\"internal_resource\",\"databuilder_id\":\"shop.sales.recent\"}}");
        assertThat(writer.details().primaryKeyColumns()).isEqualTo(2);
        assertThat(writer.details().viewsWithSql()).isEqualTo(1);
        assertThat(writer.details().lineageEdges()).isEqualTo(2);
        assertThat(writer.stats().tables()).isEqualTo(2);
        assertThat(writer.stats().views()).isEqualTo(1);
        assertThat(writer.stats().columns()).isEqualTo(4);
    }

    @Test
    void escapesPeriodsAndPercentSignsSoIdsCannotCollide() throws IOException {
        // given: "a.b" + "c" and "a" + "b.c" would both be a.b.c unescaped
        SecodaJsonlWriter writer = writer(false);

        // when
        try (writer) {
            writer.write(column("db", "a", "b.c", false, "x", "int", 1));
            writer.write(column("db", "a.b", "c", false, "x%2E", "int", 1));
        }

        // then
        assertThat(JsonlLines.validated(dir.resolve("r.jsonl")).stream().map(n -> n.get("databuilder_id").asString()))
                .containsExactly("db", "db.a", "db.a.b%2Ec", "db.a.b%2Ec.x", "db.a%2Eb", "db.a%2Eb.c", "db.a%2Eb.c.x%252E")
                .doesNotHaveDuplicates();
    }

    @Test
    void leavesViewSqlOutUnlessAskedAndFencesSqlHoldingBackticks() throws IOException {
        // given
        TableName v = new TableName("db", "s", "v");
        try (SecodaJsonlWriter writer = writer(false)) {
            writer.write(new TableDetails(v, "view", "SELECT 1", List.of()));
            writer.write(column("db", "s", "v", true, "x", "int", 1));
        }
        assertThat(Files.readString(dir.resolve("r.jsonl"))).doesNotContain("definition").doesNotContain("SELECT");

        // when
        try (SecodaJsonlWriter writer = writer(true)) {
            writer.write(new TableDetails(v, "view", "SELECT '```' AS fence", List.of()));
            writer.write(column("db", "s", "v", true, "x", "int", 1));
        }

        // then
        assertThat(JsonlLines.validated(dir.resolve("r.jsonl")).get(2).get("definition").asString())
                .isEqualTo("````sql\nSELECT '```' AS fence\n````");
    }

    @Test
    void dropsAnEdgeWithNoEndInThisUploadAndWritesAQuerySource() throws IOException {
        // given
        TableName view = new TableName("db", "s", "v");
        SecodaJsonlWriter writer = writer(false);

        // when
        try (writer) {
            writer.write(column("db", "s", "v", true, "x", "int", 1));
            writer.write(new LineageEdge(null, "SELECT x FROM s.t", view));
            writer.write(LineageEdge.from(new TableName("db", "s", "t"), new TableName("db", "s", "left_out_view")));
        }

        // then
        assertThat(lines("l.jsonl")).containsExactly("{\"from_identifier\":{\"type\":\"tables_from_query\","
                + "\"sql\":\"SELECT x FROM s.t\"},\"to_identifier\":{\"type\":\"internal_resource\",\"databuilder_id\":\"db.s.v\"}}");
        assertThat(writer.edgesWithoutEnd()).isEqualTo(1);
    }

    @Test
    void anEmptyLineageFileIsEmptyAndTheHashCoversBothFiles() throws IOException {
        // given
        SecodaJsonlWriter without = writer(false);
        try (without) {
            without.write(column("db", "s", "v", true, "x", "int", 1));
        }
        assertThat(Files.size(dir.resolve("l.jsonl"))).isZero();

        // when: the same resources, one edge more
        SecodaJsonlWriter with = writer(false);
        try (with) {
            with.write(column("db", "s", "v", true, "x", "int", 1));
            with.write(new LineageEdge(null, "SELECT 1", new TableName("db", "s", "v")));
        }

        // then
        assertThat(with.stats().sha256()).isNotEqualTo(without.stats().sha256());
    }

    @Test
    void refusesRowsOutOfOrderOrTwiceAndNamesThem() throws IOException {
        try (SecodaJsonlWriter writer = writer(false)) {
            writer.write(column("db", "s", "b", false, "x", "int", 1));
            assertThatThrownBy(() -> writer.write(column("db", "s", "a", false, "x", "int", 1)))
                    .hasMessageContaining("\"db\".\"s\".\"a\" comes after \"db\".\"s\".\"b\"");
        }
        try (SecodaJsonlWriter writer = writer(false)) {
            writer.write(column("db", "s", "b", false, "x", "int", 1));
            assertThatThrownBy(() -> writer.write(column("db", "s", "b", false, "x", "int", 2)))
                    .hasMessageContaining("\"db\".\"s\".\"b\".\"x\" appears twice");
        }
    }
}
