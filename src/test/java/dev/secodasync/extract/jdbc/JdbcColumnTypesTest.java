package dev.secodasync.extract.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import org.junit.jupiter.api.Test;

/** col_type from TYPE_NAME: a declared length or precision added where the name lacks it, nothing else. */
class JdbcColumnTypesTest {

    @Test
    void addsDeclaredLengthsAndPrecisionsOnly() {
        // then
        assertThat(JdbcColumnTypes.format("VARCHAR", Types.VARCHAR, 20, null)).isEqualTo("VARCHAR(20)");
        assertThat(JdbcColumnTypes.format("bpchar", Types.CHAR, 3, null)).isEqualTo("bpchar(3)");
        assertThat(JdbcColumnTypes.format("DECIMAL", Types.DECIMAL, 10, 2)).isEqualTo("DECIMAL(10,2)");
        assertThat(JdbcColumnTypes.format("NUMBER", Types.NUMERIC, 12, 0)).isEqualTo("NUMBER(12)");
        // already in the name (DuckDB), a bit count, an unbounded text, an enum's longest value
        assertThat(JdbcColumnTypes.format("DECIMAL(10,2)", Types.DECIMAL, 10, 2)).isEqualTo("DECIMAL(10,2)");
        assertThat(JdbcColumnTypes.format("INTEGER", Types.INTEGER, 32, 0)).isEqualTo("INTEGER");
        assertThat(JdbcColumnTypes.format("text", Types.VARCHAR, Integer.MAX_VALUE, null)).isEqualTo("text");
        assertThat(JdbcColumnTypes.format("TEXT", Types.VARCHAR, 2_000_000_000, 0)).isEqualTo("TEXT");
        assertThat(JdbcColumnTypes.format("ENUM", Types.VARCHAR, 6, null)).isEqualTo("ENUM");
        // SQLite reports DECIMAL(10,2) as a FLOAT-typed DECIMAL of size 12: its size is not trusted
        assertThat(JdbcColumnTypes.format("DECIMAL", Types.FLOAT, 12, 2)).isEqualTo("DECIMAL");
        // an untyped SQLite column
        assertThat(JdbcColumnTypes.format("", Types.VARCHAR, 2_000_000_000, 10)).isNull();
        assertThat(JdbcColumnTypes.format("VARCHAR", Types.VARCHAR, null, null)).isEqualTo("VARCHAR");
    }
}
