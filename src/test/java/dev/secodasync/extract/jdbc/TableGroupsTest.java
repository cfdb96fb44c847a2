package dev.secodasync.extract.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.extract.jdbc.TableGroups.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableGroupsTest {

    @Test
    void aSchemaWithinTheLimitIsOneCallForEveryTable() {
        // when
        List<Group> groups = TableGroups.split(List.of("orders", "customers", "lines"), 3);

        // then
        assertThat(groups).containsExactly(new Group("", false));
    }

    @Test
    void aLargerSchemaIsSplitIntoDisjointGroupsOfAtMostTheLimitCoveringEveryTable() {
        // given: 2,500 tables t_00001 ... t_02500, plus names that are prefixes of others
        List<String> tables = new ArrayList<>(IntStream.rangeClosed(1, 2500).mapToObj(i -> "t_%05d".formatted(i)).toList());
        tables.addAll(List.of("t", "t_", "t_0", "u"));

        // when
        List<Group> groups = TableGroups.split(tables, 1000);

        // then: each table in exactly one group, no group over the limit, and few calls
        for (String table : tables) {
            assertThat(groups.stream().filter(g -> g.covers(table))).as(table).hasSize(1);
        }
        for (Group group : groups) {
            assertThat(tables.stream().filter(group::covers).count()).as(group.toString()).isBetween(1L, 1000L);
        }
        assertThat(groups).hasSizeLessThanOrEqualTo(8);
        assertThat(groups).contains(new Group("t", true), new Group("t_", true), new Group("t_0", true));
    }

    @Test
    void splitsByCodePointNeverInsideASurrogatePair() {
        // given: names that differ only after an emoji (two chars in Java)
        List<String> tables = List.of("😀a", "😀b", "😁a");

        // when
        List<Group> groups = TableGroups.split(tables, 1);

        // then
        assertThat(groups).extracting(Group::prefix).containsExactly("😀a", "😀b", "😁");
        assertThat(groups).allSatisfy(g -> assertThat(Character.isHighSurrogate(g.prefix().charAt(g.prefix().length() - 1)))
                .isFalse());
    }

    @Test
    void aLimitOfOneIsOneCallPerTable() {
        // when
        List<Group> groups = TableGroups.split(List.of("a", "ab", "b"), 1);

        // then
        assertThat(groups).containsExactly(new Group("a", true), new Group("ab", false), new Group("b", false));
    }
}
