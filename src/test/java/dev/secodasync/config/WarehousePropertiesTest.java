package dev.secodasync.config;

import dev.secodasync.testsupport.Warehouses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.extract.SchemaPatterns;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Defaults and consistency rules of one warehouse entry, without Spring. */
class WarehousePropertiesTest {

    private static WarehouseProperties snowflake(List<String> excludeSchemas, List<String> excludeColumns) {
        return Warehouses.snowflake("sf", "jdbc:snowflake://acme.snowflakecomputing.com").username("svc")
                .password("pw").excludeSchemas(excludeSchemas).properties(Map.of()).excludeColumns(excludeColumns)
                .build();
    }

    @Test
    void snowflakeTakesTheSeedExclusionsWhenNoneAreSet() {
        // when
        WarehouseProperties warehouse = snowflake(null, null);

        // then
        assertThat(warehouse.excludeSchemas()).isEqualTo(WarehouseProperties.SNOWFLAKE_DEFAULT_EXCLUDE_SCHEMAS);
        assertThat(warehouse.excludeColumns()).containsExactly("DW_*");
        assertThat(warehouse.integrationType()).isEqualTo("snowflake");
        assertThat(warehouse.problems("sync.warehouses[0]")).isEmpty();
    }

    @Test
    void anEmptyListSwitchesTheSeedExclusionsOff() {
        // when
        WarehouseProperties warehouse = snowflake(List.of(), List.of());

        // then
        assertThat(warehouse.excludeSchemas()).isEmpty();
        assertThat(warehouse.excludeColumns()).isEmpty();
    }

    @Test
    void otherKindsExcludeNothingByDefault() {
        // when
        WarehouseProperties warehouse = Warehouses.postgres("pg", "jdbc:postgresql://x/y").build();

        // then
        assertThat(warehouse.excludeSchemas()).isEmpty();
        assertThat(warehouse.excludeColumns()).isEmpty();
    }

    @Test
    void theSeedsUnderscoreIsLiteralSoHistoryIsNotExcluded() {
        // given: the regex bound into REGEXP_LIKE(..., 'i'); Java and POSIX ERE agree on this syntax
        Pattern excluded = Pattern.compile(SchemaPatterns.toRegex(WarehouseProperties.SNOWFLAKE_DEFAULT_EXCLUDE_SCHEMAS),
                Pattern.CASE_INSENSITIVE);

        // then
        assertThat(excluded.matcher("HIST_ORDERS").matches()).isTrue();
        assertThat(excluded.matcher("hist_orders").matches()).isTrue();
        assertThat(excluded.matcher("HISTORY").matches()).isFalse();
        assertThat(excluded.matcher("STAGED").matches()).isFalse();
        assertThat(excluded.matcher("dbt_cloud_pr_123_45").matches()).isTrue();
        assertThat(excluded.matcher("CI_IMPACT_RESILIENCE_7").matches()).isTrue();
        assertThat(excluded.matcher("SNAPSHOTS").matches()).isFalse();
    }

    @Test
    void tokenMustComeWithATokenAuthenticator() {
        // given
        WarehouseProperties warehouse = Warehouses.snowflake("sf", "jdbc:snowflake://acme.snowflakecomputing.com")
                .username("svc").properties(Map.of()).token("pat-1234").authenticator("snowflake_jwt").build();

        // when
        List<String> problems = warehouse.problems("sync.warehouses[3]");

        // then
        assertThat(problems).containsExactly("sync.warehouses[3].token needs sync.warehouses[3].authenticator"
                + " PROGRAMMATIC_ACCESS_TOKEN or oauth (it is snowflake_jwt)");
        assertThat(String.join(" ", problems)).doesNotContain("pat-1234");
    }
}
