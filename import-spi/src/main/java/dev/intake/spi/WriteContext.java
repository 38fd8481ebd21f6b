package dev.intake.spi;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportRow;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RecordRepository} knows about the row it writes: the checked row, the ids of the
 * groups it joins, and the import's context. Immutable.
 */
public final class WriteContext {
    private final ImportRow row;
    private final Map<String, String> groupIds;
    private final ImportContext context;

    /**
     * Creates a context; the importer does this.
     *
     * @param row the checked row
     * @param groupIds group ids by group name
     * @param context the import's context
     */
    public WriteContext(ImportRow row, Map<String, String> groupIds, ImportContext context) {
        this.row = Objects.requireNonNull(row, "row must not be null");
        this.groupIds = Map.copyOf(groupIds);
        this.context = Objects.requireNonNull(context, "context must not be null");
    }

    /**
     * @return the row number as a spreadsheet shows it
     */
    public long rowNumber() {
        return row.rowNumber();
    }

    /**
     * @return the checked row, never null
     */
    public ImportRow row() {
        return row;
    }

    /**
     * The id of a group the row joins, found or created in this transaction.
     *
     * @param name the group's name (its column key)
     * @return the id, or empty when the row joins no such group
     */
    public Optional<String> groupId(String name) {
        return Optional.ofNullable(groupIds.get(name));
    }

    /**
     * @return the import's context, never null
     */
    public ImportContext context() {
        return context;
    }
}
