package dev.intake.core.internal;

import dev.intake.core.ImportRow;
import java.util.Map;

/**
 * Lets the pipeline hand a checked row's maps to an {@link ImportRow} without copying them: the
 * working row is dropped once frozen, so the copies {@code ImportRow}'s public constructor makes for
 * callers' maps were pure cost on the hot path (about 7% of a dry run in a JFR profile). ImportRow
 * registers the factory when it is initialised; nothing else can.
 */
public final class FrozenRows {
    /** Makes an ImportRow that takes ownership of the maps given. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param rowNumber the row number
         * @param values converted values by column key
         * @param texts the cells' texts by column key
         * @param references resolved references by name
         * @param attributes custom attribute values, in header order
         * @param groups group keys by group column
         * @return the row, holding these maps unmodifiable
         */
        ImportRow create(long rowNumber, Map<String, Object> values, Map<String, String> texts,
                Map<String, Object> references, Map<String, Object> attributes, Map<String, String> groups);
    }

    private static Factory factory;

    private FrozenRows() {
    }

    /**
     * Called once, by ImportRow's static initialiser.
     *
     * @param value the factory
     * @throws IllegalStateException when a factory is registered already
     */
    public static synchronized void register(Factory value) {
        if (factory != null) {
            throw new IllegalStateException("the frozen-row factory is registered already");
        }
        factory = value;
    }

    static ImportRow create(long rowNumber, Map<String, Object> values, Map<String, String> texts,
            Map<String, Object> references, Map<String, Object> attributes, Map<String, String> groups) {
        Factory current = factory;
        if (current == null) {
            try {
                Class.forName(ImportRow.class.getName(), true, FrozenRows.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            synchronized (FrozenRows.class) {
                current = factory;
            }
        }
        return current.create(rowNumber, values, texts, references, attributes, groups);
    }
}
