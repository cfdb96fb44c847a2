package dev.secodasync.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemaPatternsTest {

    private static boolean matches(List<String> globs, String schema) {
        return Pattern.compile(SchemaPatterns.toRegex(globs), Pattern.CASE_INSENSITIVE).matcher(schema).find();
    }

    @Test
    void globsBecomeOneAnchoredAlternation() {
        assertThat(SchemaPatterns.toRegex(List.of("sales_*", "hr"))).isEqualTo("^(sales_.*|hr)$");
    }

    @Test
    void starAndQuestionMarkAreTheOnlyWildcards() {
        assertThat(matches(List.of("tmp_*"), "tmp_2026")).isTrue();
        assertThat(matches(List.of("tmp_*"), "TMP_x")).isTrue();
        assertThat(matches(List.of("tmp_*"), "stage_tmp_x")).isFalse();
        assertThat(matches(List.of("a.b"), "axb")).isFalse();
        assertThat(matches(List.of("a.b"), "a.b")).isTrue();
        assertThat(matches(List.of("v?"), "v1")).isTrue();
        assertThat(matches(List.of("v?"), "v12")).isFalse();
        assertThat(matches(List.of("(x)|y"), "(x)|y")).isTrue();
        assertThat(matches(List.of("(x)|y"), "y")).isFalse();
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(matches(List.of(), "public")).isFalse();
    }
}
