package dev.secodasync.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckModeTest {

    @Test
    void replacesTheJobRepositoryOnlyInCheckMode() {
        // given
        String[] run = {"--spring.datasource.url=jdbc:postgresql://db/jobs", "--dry-run"};
        String[] check = {"--spring.datasource.url=jdbc:postgresql://db/jobs", "--check"};

        // when
        String[] unchanged = CheckMode.arguments(run);
        String[] changed = CheckMode.arguments(check);

        // then
        assertThat(unchanged).containsExactly(run);
        assertThat(changed).contains("--check").doesNotContain("--spring.datasource.url=jdbc:postgresql://db/jobs")
                .anySatisfy(a -> assertThat(a).startsWith("--spring.datasource.url=jdbc:h2:mem:"));
        assertThat(CheckMode.requested("--check=false")).isFalse();
    }
}
