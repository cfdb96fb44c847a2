package dev.secodasync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;

class ErrorsTest {

    @Test
    void joinsTheChainOnOneLineWithoutRepeatsOrTheSqlText() {
        // given
        SQLException root = new SQLException("permission denied\nfor schema hr");
        Exception spring = new UncategorizedSQLException("Executing query", "SELECT secret_sql FROM x", root);
        Exception outer = new IllegalStateException("Failed to initialize the reader", spring);

        // when
        String line = Errors.oneLine(outer);

        // then
        assertThat(line).isEqualTo("Failed to initialize the reader: permission denied for schema hr");
    }
}
