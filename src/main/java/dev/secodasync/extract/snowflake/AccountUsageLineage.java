package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableName;
import dev.secodasync.extract.DetailRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code account-usage-lineage.sql}: what the views read, from
 * {@code SNOWFLAKE.ACCOUNT_USAGE.OBJECT_DEPENDENCIES} ({@code account-usage: true}), named as the
 * column rows are (folded), sorted by view, then source.
 */
final class AccountUsageLineage {

    /** How failures name this read. */
    static final String WHERE = "lineage (SNOWFLAKE.ACCOUNT_USAGE.OBJECT_DEPENDENCIES)";

    private AccountUsageLineage() {
    }

    /**
     * @param databases the databases read, so that only their views' edges are asked for
     * @param views the folded names of the views written: an edge to any other view (dropped since,
     *     which the lag still shows) would point at a resource the upload does not hold
     */
    static List<LineageEdge> read(Connection session, SnowflakeStatements statements, List<String> databases,
            Set<TableName> views, CaseFolding folding) {
        Map<String, Object> parameters = statements.filters();
        parameters.put("include_databases", SnowflakeNames.exactly(databases));
        List<LineageEdge> edges = new ArrayList<>();
        try (PreparedStatement statement = statements.prepare(session, statements.sql().accountUsageLineage(),
                parameters); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                LineageEdge edge = DetailRows.lineage(rs);
                TableName target = folding.fold(edge.target());
                if (views.contains(target)) {
                    edges.add(edge.source() == null ? new LineageEdge(null, edge.sourceSql(), target)
                            : LineageEdge.from(folding.fold(edge.source()), target));
                }
            }
        } catch (SQLException e) {
            throw SnowflakeStatements.failure(WHERE, e);
        }
        edges.sort(Comparator.comparing(LineageEdge::target)
                .thenComparing(LineageEdge::source, Comparator.nullsFirst(Comparator.naturalOrder())));
        return edges;
    }
}
