package dev.secodasync.extract;

import dev.secodasync.config.WarehouseKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Finds the extractor for a warehouse kind. */
public class WarehouseExtractors {

    private final Map<WarehouseKind, WarehouseExtractor> byKind = new EnumMap<>(WarehouseKind.class);

    public WarehouseExtractors(List<WarehouseExtractor> extractors) {
        extractors.forEach(e -> byKind.put(e.kind(), e));
    }

    /** The extractor of that kind; every kind of {@link WarehouseKind} has one. */
    public WarehouseExtractor forKind(WarehouseKind kind) {
        WarehouseExtractor extractor = byKind.get(kind);
        if (extractor == null) {
            throw new IllegalStateException("no extractor for warehouse kind " + kind);
        }
        return extractor;
    }
}
