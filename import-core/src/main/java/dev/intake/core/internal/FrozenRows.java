package dev.intake.core.internal;

import dev.intake.core.ImportRow;

/**
 * Lets the pipeline hand a checked row's arrays to an {@link ImportRow} without copying them:
 * {@code ImportRow} registers a factory when its class is initialised (the JDK's shared-secrets
 * pattern), so the constructor that takes arrays as they are stays private. Not API.
 */
public final class FrozenRows {
    /** Makes an ImportRow of arrays nobody changes afterwards. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param rowNumber the row number
         * @param layout the slots
         * @param values values by column slot
         * @param texts texts by column slot
         * @param references records by reference slot
         * @param attributes attribute values by attribute slot
         * @param groups group keys by group slot
         * @return the row
         */
        ImportRow create(long rowNumber, RowLayout layout, Object[] values, String[] texts, Object[] references,
                Object[] attributes, String[] groups);
    }

    private static Factory factory;

    private FrozenRows() {
    }

    /**
     * Registers the factory; ImportRow does, once.
     *
     * @param value the factory
     * @throws IllegalStateException if one is registered already
     */
    public static synchronized void register(Factory value) {
        if (factory != null) {
            throw new IllegalStateException("the frozen-row factory is registered already");
        }
        factory = value;
    }

    static ImportRow create(long rowNumber, RowLayout layout, Object[] values, String[] texts, Object[] references,
            Object[] attributes, String[] groups) {
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
        return current.create(rowNumber, layout, values, texts, references, attributes, groups);
    }
}
