package dev.secodasync.jsonl;

import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableName;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;

/**
 * The lines of {@code lineage.jsonl}: an end that is a resource of this upload is an
 * {@code internal_resource}, any other table an {@code external_table} (a view reading a table the
 * filters leave out, say), a view's SQL a {@code tables_from_query} source.
 */
final class LineageLines {

    private final JsonGenerator generator;

    private final Supplier<JsonGenerator> begin;

    private final String cluster;

    private final Predicate<String> isResource;

    private long written;

    private long withoutEnd;

    /**
     * @param begin starts a line's object
     * @param isResource true for the id of a table written to resources.jsonl
     */
    LineageLines(JsonGenerator generator, Supplier<JsonGenerator> begin, String cluster, Predicate<String> isResource) {
        this.generator = generator;
        this.begin = begin;
        this.cluster = cluster;
        this.isResource = isResource;
    }

    void write(LineageEdge edge) {
        boolean targetInside = isResource.test(ResourceIds.table(edge.target()));
        boolean sourceInside = edge.source() != null && isResource.test(ResourceIds.table(edge.source()));
        // Secoda takes an edge only with one end in this integration (a view left out, say, is not).
        if (!targetInside && !sourceInside) {
            withoutEnd++;
            return;
        }
        JsonGenerator g = begin.get();
        g.writeName("from_identifier");
        if (edge.source() == null) {
            g.writeStartObject();
            g.writeStringProperty("type", "tables_from_query");
            g.writeStringProperty("sql", edge.sourceSql());
            g.writeEndObject();
        } else {
            end(edge.source(), sourceInside);
        }
        g.writeName("to_identifier");
        end(edge.target(), targetInside);
        g.writeEndObject();
        written++;
    }

    private void end(TableName name, boolean inside) {
        JsonGenerator g = generator;
        g.writeStartObject();
        if (inside) {
            g.writeStringProperty("type", "internal_resource");
            g.writeStringProperty("databuilder_id", ResourceIds.table(name));
        } else {
            g.writeStringProperty("type", "external_table");
            g.writeStringProperty("cluster", cluster);
            g.writeStringProperty("database", name.database());
            g.writeStringProperty("schema", name.schema());
            g.writeStringProperty("table", name.table());
        }
        g.writeEndObject();
    }

    long written() {
        return written;
    }

    long withoutEnd() {
        return withoutEnd;
    }
}
