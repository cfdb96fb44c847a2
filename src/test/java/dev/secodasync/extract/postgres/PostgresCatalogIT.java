package dev.secodasync.extract.postgres;

import dev.secodasync.testsupport.Rows;
import dev.secodasync.testsupport.Warehouses;
import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.sql.SqlFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code sql/postgres/columns.sql} against the real server, on a schema full of awkward cases. */
@ExtendWith(OutputCaptureExtension.class)
class PostgresCatalogIT {

    static PostgresTestDatabase db;

    @BeforeAll
    static void createCatalog() {
        db = PostgresTestDatabase.create("secoda_sync_it_catalog",
                "CREATE SCHEMA \"Mixed Case\"",
                "CREATE SCHEMA alpha",
                "CREATE SCHEMA tmp_scratch",
                "CREATE TABLE \"Mixed Case\".\"Order Items\" (\"Id\" integer, gone integer,"
                        + " \"Weird, \"\"Name\"\"\" text, price numeric(10,2), tags varchar(20)[])",
                "ALTER TABLE \"Mixed Case\".\"Order Items\" DROP COLUMN gone",
                "COMMENT ON TABLE \"Mixed Case\".\"Order Items\" IS 'Überblick – 注文 ✓'",
                "COMMENT ON COLUMN \"Mixed Case\".\"Order Items\".\"Weird, \"\"Name\"\"\" IS"
                        + " E'first line\\nsecond, with \"quotes\" and a comma'",
                "CREATE TABLE alpha.b_lower (id bigint)",
                // COPY's text format escapes these: tab, backslash, carriage return, vertical tab,
                // and a backslash-N that is text, not NULL
                "COMMENT ON COLUMN alpha.b_lower.id IS E'C:\\\\temp\\\\N\\ttab\\r\\x0bend'",
                "CREATE TABLE alpha.\"B_upper\" (id bigint, \"back\\slash\ttab\" text)",
                "CREATE TABLE alpha.events (id bigint, at timestamptz, payload jsonb) PARTITION BY RANGE (at)",
                "CREATE TABLE alpha.events_2026 PARTITION OF alpha.events"
                        + " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE VIEW alpha.recent AS SELECT id, at FROM alpha.events",
                "CREATE MATERIALIZED VIEW alpha.daily AS SELECT date_trunc('day', at) AS day, count(*) AS n"
                        + " FROM alpha.events GROUP BY 1",
                "COMMENT ON MATERIALIZED VIEW alpha.daily IS 'Events per day'",
                "CREATE EXTENSION IF NOT EXISTS postgres_fdw",
                "CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'x')",
                "CREATE FOREIGN TABLE alpha.remote_users (id integer, email text) SERVER remote",
                "CREATE TABLE tmp_scratch.junk (x int)",
                "CREATE TEMPORARY TABLE not_mine (x int)");
    }

    @Test
    void readsEveryKindOfRelationWithCommentsTypesAndCodePointOrder() throws Exception {
        // given
        WarehouseProperties warehouse = warehouse(List.of("tmp_*"), false);

        // when
        List<ColumnRow> rows = readAll(warehouse);

        // then: "Mixed Case" < "alpha" and "B_upper" < "b_lower" in code-point order
        assertThat(rows).extracting(r -> r.schema() + "." + r.table() + "." + r.column()).containsExactly(
                "Mixed Case.Order Items.Id",
                "Mixed Case.Order Items.Weird, \"Name\"",
                "Mixed Case.Order Items.price",
                "Mixed Case.Order Items.tags",
                "alpha.B_upper.id",
                "alpha.B_upper.back\\slash\ttab",
                "alpha.b_lower.id",
                "alpha.daily.day",
                "alpha.daily.n",
                "alpha.events.id",
                "alpha.events.at",
                "alpha.events.payload",
                "alpha.recent.id",
                "alpha.recent.at",
                "alpha.remote_users.id",
                "alpha.remote_users.email");
        ColumnRow weird = rows.get(1);
        assertThat(weird.database()).isEqualTo(db.name());
        assertThat(weird.tableDescription()).isEqualTo("Überblick – 注文 ✓");
        assertThat(weird.columnDescription()).isEqualTo("first line\nsecond, with \"quotes\" and a comma");
        assertThat(weird.columnType()).isEqualTo("text");
        assertThat(weird.view()).isFalse();
        assertThat(weird.lastUpdatedEpochSeconds()).isNull();
        // the dropped column leaves a gap in attnum: positions are PostgreSQL's own
        assertThat(rows.subList(0, 4)).extracting(ColumnRow::sortOrder).containsExactly(1, 3, 4, 5);
        assertThat(rows.get(2).columnType()).isEqualTo("numeric(10,2)");
        assertThat(rows.get(3).columnType()).isEqualTo("character varying(20)[]");
        assertThat(rows.get(6).columnDescription()).isEqualTo("C:\\temp\\N\ttab\r\u000Bend");
        assertThat(rows.get(5).columnDescription()).isNull();
        assertThat(rows).filteredOn(r -> r.table().equals("daily"))
                .allSatisfy(r -> {
                    assertThat(r.view()).isTrue();
                    assertThat(r.tableDescription()).isEqualTo("Events per day");
                });
        assertThat(rows).filteredOn(r -> r.table().equals("recent")).allSatisfy(r -> assertThat(r.view()).isTrue());
        assertThat(rows).filteredOn(r -> r.table().equals("remote_users")).allSatisfy(r -> assertThat(r.view()).isFalse());
    }

    @Test
    void listsPartitionsOnlyWhenAsked() throws Exception {
        // given
        WarehouseProperties warehouse = warehouse(List.of("tmp_*"), true);

        // when
        List<ColumnRow> rows = readAll(warehouse);

        // then
        assertThat(rows).extracting(ColumnRow::table).contains("events", "events_2026");
    }

    @Test
    void includePatternsSelectSchemasCaseInsensitively() throws Exception {
        // given
        WarehouseProperties warehouse = Warehouses.postgres("pg", db.jdbcUrl()).username(PostgresTestDatabase.USER)
                .includeSchemas(List.of("mixed *", "TMP_?cratch")).excludeSchemas(List.of()).build();

        // when
        List<ColumnRow> rows = readAll(warehouse);

        // then
        assertThat(rows).extracting(ColumnRow::schema).containsOnly("Mixed Case", "tmp_scratch");
    }

    @Test
    void countMatchesWhatTheReaderReturns() throws Exception {
        // given
        WarehouseProperties warehouse = warehouse(List.of("tmp_*"), false);
        PostgresExtractor extractor = new PostgresExtractor(SqlFiles.builtIn());

        // when
        CatalogCount count = extractor.count(warehouse);

        // then
        List<ColumnRow> rows = readAll(warehouse);
        assertThat(count.columns()).isEqualTo(rows.size());
        assertThat(count.tables()).isEqualTo(rows.stream().map(r -> r.schema() + "." + r.table()).distinct().count());
    }

    static WarehouseProperties warehouse(List<String> exclude, boolean partitions) {
        return Warehouses.postgres("pg", db.jdbcUrl()).username(PostgresTestDatabase.USER).includeSchemas(List.of("*"))
                .excludeSchemas(exclude).includePartitions(partitions).build();
    }

    @Test
    void aWideCatalogStreamsInOrder() throws Exception {
        // given: 7 tables of 1,600 columns (PostgreSQL's maximum), 11,200 rows
        PostgresTestDatabase wide = PostgresTestDatabase.create("secoda_sync_it_wide", "CREATE SCHEMA wide",
                "DO $$ BEGIN FOR t IN 1..7 LOOP EXECUTE format('CREATE TABLE wide.t%s (%s)', t,"
                        + " (SELECT string_agg(format('c%s int', c), ', ') FROM generate_series(1, 1600) c)); END LOOP; END $$");
        WarehouseProperties warehouse = Warehouses.postgres("pg", wide.jdbcUrl()).username(PostgresTestDatabase.USER)
                .includeSchemas(List.of("wide")).excludeSchemas(List.of()).build();

        // when
        List<ColumnRow> rows = readAll(warehouse);

        // then
        assertThat(rows).hasSize(11_200);
        assertThat(rows.get(0).table() + "." + rows.get(0).column()).isEqualTo("t1.c1");
        assertThat(rows.get(10_000).table() + "." + rows.get(10_000).sortOrder()).isEqualTo("t7.401");
        assertThat(rows.get(11_199).table() + "." + rows.get(11_199).column()).isEqualTo("t7.c1600");
        for (int i = 1; i < rows.size(); i++) {
            ColumnRow a = rows.get(i - 1);
            ColumnRow b = rows.get(i);
            assertThat(a.table().equals(b.table()) ? b.sortOrder() - a.sortOrder() : b.sortOrder()).isEqualTo(1);
        }
    }

    static List<ColumnRow> readAll(WarehouseProperties warehouse) throws Exception {
        return Rows.readAll(new PostgresExtractor(SqlFiles.builtIn()).reader(warehouse));
    }

    @Test
    void commentsThatAreNotUtf8AreReplacedAndTheirObjectNamedNotTheWarehouseFailed(CapturedOutput output)
            throws Exception {
        // given: a SQL_ASCII database holding Latin-1 bytes in two comments
        PostgresTestDatabase ascii = PostgresTestDatabase.createSqlAscii("secoda_sync_it_ascii",
                "CREATE TABLE menu (id int, dish text)",
                "COMMENT ON TABLE menu IS E'caf\\xe9'",
                "COMMENT ON COLUMN menu.dish IS E'cr\\xe8me br\\xfbl\\xe9e'",
                "CREATE TABLE clean (id int)",
                "COMMENT ON TABLE clean IS 'plain'");
        WarehouseProperties warehouse = Warehouses.postgres("pg", ascii.jdbcUrl()).username(PostgresTestDatabase.USER)
                .build();

        // when
        List<ColumnRow> rows = readAll(warehouse);

        // then: every column read, the bad bytes replaced, the rest as it is
        assertThat(rows).extracting(ColumnRow::table, ColumnRow::column, ColumnRow::tableDescription,
                ColumnRow::columnDescription).containsExactly(
                        tuple("clean", "id", "plain", null),
                        tuple("menu", "id", "caf\uFFFD", null),
                        tuple("menu", "dish", "caf\uFFFD", "cr\uFFFDme br\uFFFDl\uFFFDe"));
        assertThat(output).contains("Column \"" + ascii.name() + "\".\"public\".\"menu\".\"id\": the table comment held"
                + " bytes that are not UTF-8").contains("\"menu\".\"dish\": the column comment held bytes");
    }
}
