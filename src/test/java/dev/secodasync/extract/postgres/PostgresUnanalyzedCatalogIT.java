package dev.secodasync.extract.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.testsupport.Warehouses;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sql/postgres/columns.sql} on catalogs whose state the job cannot choose: statistics that
 * were never refreshed after the catalog grew (autovacuum off, and a read-only role cannot
 * ANALYZE), and a role whose session settings differ from the default.
 */
class PostgresUnanalyzedCatalogIT {

    static final int TABLES = 400;

    static final int COLUMNS = 12;

    static PostgresTestDatabase db;

    @BeforeAll
    static void createCatalog() {
        // No ANALYZE and no VACUUM anywhere: the catalog keeps the statistics CREATE DATABASE
        // copied from template0, those of an empty database.
        db = PostgresTestDatabase.create("secoda_sync_it_unanalyzed",
                "CREATE SCHEMA sales",
                "CREATE SCHEMA \"Ops\"",
                "CREATE SCHEMA other",
                "CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'R')",
                "CREATE TYPE other.grade AS ENUM ('a', 'b')",
                "CREATE DOMAIN other.percent AS numeric(5,2)",
                "CREATE TABLE public.film (id integer, rating public.mpaa_rating, ratings public.mpaa_rating[],"
                        + " mark other.grade, share other.percent, note varchar(40))",
                "CREATE TABLE other.report (id bigint, rating public.mpaa_rating, mark other.grade)",
                "DO $$ DECLARE s text; BEGIN FOR t IN 1.." + TABLES + " LOOP"
                        + " s := (ARRAY['sales', 'Ops', 'public'])[1 + t % 3];"
                        + " EXECUTE format('CREATE TABLE %I.%I (%s)', s, 't' || t,"
                        + "   (SELECT string_agg(format('c%s %s', c, (ARRAY['integer', 'text', 'numeric(10,2)',"
                        + "     'timestamptz', 'jsonb', 'boolean'])[1 + c % 6]), ', ') FROM generate_series(1, " + COLUMNS + ") c));"
                        + " EXECUTE format('COMMENT ON TABLE %I.%I IS %L', s, 't' || t, 'Table ' || t || ', \"quoted\", with a comma');"
                        + " FOR c IN 1.." + COLUMNS + " BY 3 LOOP"
                        + "   EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, 't' || t, 'c' || c, E'col\\t' || c || ' of ' || t);"
                        + " END LOOP;"
                        // a dropped column leaves a gap in attnum
                        + " IF t % 7 = 0 THEN EXECUTE format('ALTER TABLE %I.%I DROP COLUMN c2', s, 't' || t); END IF;"
                        + " END LOOP; END $$",
                "CREATE VIEW sales.v1 AS SELECT * FROM sales.t3",
                "COMMENT ON VIEW sales.v1 IS 'a view'");
    }

    @Test
    void readsAnUnanalyzedCatalogExactlyAsThePlainJoinDoes() throws Exception {
        // given: the planner believes pg_attribute is far smaller than it is
        long[] stats = attributeStatistics();
        assertThat(stats[1]).as("real pg_attribute rows").isGreaterThan(TABLES * COLUMNS);
        assertThat(stats[0]).as("pg_attribute rows the planner believes").isLessThan(stats[1] / 2);
        List<String> expected = plainJoin();

        // when
        List<String> rows = PostgresCatalogIT.readAll(warehouse(Map.of())).stream().map(PostgresUnanalyzedCatalogIT::line).toList();

        // then
        assertThat(expected).hasSizeGreaterThan(TABLES * (COLUMNS - 1));
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void columnTypesDoNotDependOnTheRolesSearchPath() throws Exception {
        // given: the default path, then a session whose path leaves out public
        WarehouseProperties defaultPath = warehouse(Map.of());
        WarehouseProperties otherPath = warehouse(Map.of("options", "-c search_path=other"));

        // when
        List<String> withDefault = types(PostgresCatalogIT.readAll(defaultPath));
        List<String> withOther = types(PostgresCatalogIT.readAll(otherPath));

        // then
        assertThat(withDefault).containsExactly(
                "other.report.id bigint",
                "other.report.rating mpaa_rating",
                "other.report.mark other.grade",
                "public.film.id integer",
                "public.film.rating mpaa_rating",
                "public.film.ratings mpaa_rating[]",
                "public.film.mark other.grade",
                "public.film.share other.percent",
                "public.film.note character varying(40)");
        assertThat(withOther).containsExactlyElementsOf(withDefault);
    }

    @Test
    void theConnectionCheckCountsWhatTheReaderReturns() throws Exception {
        // given
        WarehouseProperties warehouse = warehouse(Map.of());

        // when
        CatalogCount count = new PostgresExtractor(SqlFiles.builtIn()).count(warehouse);

        // then
        List<ColumnRow> rows = PostgresCatalogIT.readAll(warehouse);
        assertThat(count.columns()).isEqualTo(rows.size());
        assertThat(count.tables()).isEqualTo(rows.stream().map(r -> r.schema() + "." + r.table()).distinct().count());
    }

    static List<String> types(List<ColumnRow> rows) {
        return rows.stream()
                .filter(r -> r.table().equals("film") || r.table().equals("report"))
                .map(r -> r.schema() + "." + r.table() + "." + r.column() + " " + r.columnType())
                .toList();
    }

    static long[] attributeStatistics() throws SQLException {
        try (Connection c = PostgresTestDatabase.connect(db.name()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.reltuples::bigint, (SELECT count(*) FROM pg_catalog.pg_attribute)"
                        + " FROM pg_catalog.pg_class c WHERE c.oid = 'pg_catalog.pg_attribute'::regclass")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** The plain join of the issue, as psql would run it, with the default search_path. */
    static List<String> plainJoin() throws SQLException {
        String sql = "SELECT current_database(), n.nspname, c.relname, td.description, c.relkind IN ('v', 'm'),"
                + " a.attname, cd.description, format_type(a.atttypid, a.atttypmod), a.attnum"
                + " FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " LEFT JOIN pg_catalog.pg_description td ON td.objoid = c.oid"
                + "  AND td.classoid = 'pg_catalog.pg_class'::regclass AND td.objsubid = 0"
                + " LEFT JOIN pg_catalog.pg_description cd ON cd.objoid = c.oid"
                + "  AND cd.classoid = 'pg_catalog.pg_class'::regclass AND cd.objsubid = a.attnum"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition"
                + "  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                + "  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
                + " ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\", a.attnum";
        List<String> lines = new ArrayList<>();
        try (Connection c = PostgresTestDatabase.connect(db.name()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        String.valueOf(rs.getBoolean(5)), "null", rs.getString(6), rs.getString(7), rs.getString(8),
                        String.valueOf(rs.getInt(9))));
            }
        }
        return lines;
    }

    static String line(ColumnRow r) {
        return String.join("|", r.database(), r.schema(), r.table(), r.tableDescription(), String.valueOf(r.view()),
                String.valueOf(r.lastUpdatedEpochSeconds()), r.column(), r.columnDescription(), r.columnType(),
                String.valueOf(r.sortOrder()));
    }

    static WarehouseProperties warehouse(Map<String, String> driverProperties) {
        return Warehouses.postgres("pg", db.jdbcUrl()).username(PostgresTestDatabase.USER).includeSchemas(List.of("*"))
                .excludeSchemas(List.of()).properties(driverProperties).build();
    }
}
