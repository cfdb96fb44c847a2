package dev.secodasync.csv;

import dev.secodasync.catalog.CatalogStats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.testsupport.CsvFilesRead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecodaCsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesSecodasHeaderAndQuotesWhatNeedsQuoting() throws Exception {
        // given
        Path file = dir.resolve("out/w.csv");
        ColumnRow tricky = new ColumnRow("db", "sales", "orders", "Orders, \"all\" of them\nsince 2020 – ✓ 注文",
                false, 1_700_000_000L, "amount", "in €, \"gross\"", "numeric(12,2)", 3);
        ColumnRow plain = new ColumnRow("db", "sales", "v_orders", null, true, null, "id", null, "bigint", 1);

        // when
        try (SecodaCsvWriter writer = SecodaCsvWriter.create(file)) {
            writer.write(tricky);
            writer.write(plain);
        }

        // then
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("col_name,col_description,col_type,sort_order,database,schema,name,description,"
                + "is_view,last_updated_time\r\n");
        assertThat(text).contains("amount,\"in €, \"\"gross\"\"\",\"numeric(12,2)\",3,db,sales,orders,"
                + "\"Orders, \"\"all\"\" of them\nsince 2020 – ✓ 注文\",false,1700000000\r\n");
        assertThat(text).endsWith("id,,bigint,1,db,sales,v_orders,,true,None\r\n");
        List<Map<String, String>> rows = CsvFilesRead.rows(file);
        assertThat(rows.get(0)).containsEntry("description", "Orders, \"all\" of them\nsince 2020 – ✓ 注文")
                .containsEntry("col_description", "in €, \"gross\"");
    }

    @Test
    void countsTablesViewsSchemasAndHashesTheBytes() throws Exception {
        // given
        Path file = dir.resolve("w.csv");
        SecodaCsvWriter writer = SecodaCsvWriter.create(file);

        // when
        try (writer) {
            writer.write(new ColumnRow("a", "s1", "t1", null, false, null, "c1", null, "int", 1));
            writer.write(new ColumnRow("a", "s1", "t1", null, false, null, "c2", null, "int", 2));
            writer.write(new ColumnRow("a", "s1", "v1", null, true, null, "c1", null, "int", 1));
            writer.write(new ColumnRow("a", "s2", "t1", null, false, null, "c1", null, "int", 1));
            writer.write(new ColumnRow("b", "s1", "t1", null, false, null, "c1", null, "int", 1));
        }

        // then
        CatalogStats stats = writer.stats();
        assertThat(stats).usingRecursiveComparison().ignoringFields("sha256")
                .isEqualTo(new CatalogStats(2, 3, 4, 1, 5, null));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertThat(stats.sha256()).isEqualTo(expected);
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        // given
        Path file = dir.resolve("secret.csv");

        // when
        try (SecodaCsvWriter writer = SecodaCsvWriter.create(file)) {
            writer.write(new ColumnRow("a", "s", "t", null, false, null, "c", null, "int", 1));
        }

        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
