package dev.secodasync.extract;

import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The detailed catalog stream of the JSONL format, from a dialect's {@link Session}: the table
 * details are read first, then the columns stream and each table's details are handed out just
 * before its first column, then the lineage edges. Memory holds the details of every table
 * (names, type, key columns, view SQL), never the columns.
 */
public final class DetailedCatalogReader implements ItemStreamReader<CatalogItem> {

    /**
     * One reading of a warehouse's details and columns, on one connection and (where the warehouse
     * allows) one snapshot, so that the details and the columns describe the same catalog.
     */
    public interface Session extends AutoCloseable {

        /** Hands over every table's details in CSV order (database, schema, table in code-point order). */
        void tables(Consumer<TableDetails> each) throws Exception;

        /** The columns, as the CSV format reads them; opened and closed by the caller after {@link #tables}. */
        ItemStreamReader<ColumnRow> columns();

        /** Hands over every lineage edge, after the columns. */
        void lineage(Consumer<LineageEdge> each) throws Exception;

        @Override
        void close();
    }

    private final Supplier<Session> opener;

    private final String warehouse;

    private Session session;

    private ItemStreamReader<ColumnRow> columns;

    private final ArrayDeque<TableDetails> details = new ArrayDeque<>();

    private TableName currentTable;

    private ColumnRow held;

    private Iterator<LineageEdge> lineage;

    public DetailedCatalogReader(Supplier<Session> opener, String warehouse) {
        this.opener = opener;
        this.warehouse = warehouse;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            session = opener.get();
            session.tables(each -> {
                TableDetails last = details.peekLast();
                // The merge below relies on the columns' order: details out of it would be lost.
                if (last != null && last.name().compareTo(each.name()) >= 0) {
                    throw new InvalidCatalogException("warehouse '" + warehouse + "': the table details are not in"
                            + " code-point order: " + each.name() + " comes after " + last.name());
                }
                details.add(each);
            });
            columns = session.columns();
            columns.open(context);
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new ItemStreamException("reading the table details failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CatalogItem read() throws Exception {
        if (held != null) {
            ColumnRow row = held;
            held = null;
            return row;
        }
        if (lineage == null) {
            ColumnRow row = columns.read();
            if (row != null) {
                TableName table = TableName.of(row);
                if (table.equals(currentTable)) {
                    return row;
                }
                currentTable = table;
                TableDetails found = detailsOf(table);
                if (found == null) {
                    return row;
                }
                held = row;
                return found;
            }
            columns.close();
            List<LineageEdge> edges = new ArrayList<>();
            session.lineage(edges::add);
            lineage = edges.iterator();
        }
        return lineage.hasNext() ? lineage.next() : null;
    }

    // Both streams are in the same order: details of tables without columns are passed over.
    private TableDetails detailsOf(TableName table) {
        while (!details.isEmpty() && details.peekFirst().name().compareTo(table) < 0) {
            details.pollFirst();
        }
        return !details.isEmpty() && details.peekFirst().name().equals(table) ? details.pollFirst() : null;
    }

    @Override
    public void close() {
        try {
            if (columns != null) {
                columns.close();
            }
        } finally {
            columns = null;
            details.clear();
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
