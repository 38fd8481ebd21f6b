package dev.intake.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Where a row keeps what it holds: one slot per column, reference, custom attribute, group and row
 * reference, numbered in the order given. Rows of one import share one layout and keep their values
 * in arrays indexed by slot, so that checking a row fills arrays instead of building hash maps.
 * Depends on nothing but the JDK. Immutable.
 */
public final class RowLayout {
    private final String[] columns;
    private final String[] references;
    private final String[] attributes;
    private final String[] groups;
    private final String[] rowReferences;
    private final int[] groupColumns;
    private final Slots columnSlots;
    private final Slots referenceSlots;
    private final Slots attributeSlots;
    private final Slots groupSlots;
    private final Slots rowReferenceSlots;
    /** Labels of the columns that have one other than their key. */
    private final Map<String, String> labels;

    private RowLayout(Collection<String> columns, Collection<String> references, Collection<String> attributes,
            Collection<String> groups, Collection<String> rowReferences, Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
        this.columns = columns.toArray(String[]::new);
        this.references = references.toArray(String[]::new);
        this.attributes = attributes.toArray(String[]::new);
        this.groups = groups.toArray(String[]::new);
        this.rowReferences = rowReferences.toArray(String[]::new);
        this.columnSlots = new Slots(this.columns);
        this.referenceSlots = new Slots(this.references);
        this.attributeSlots = new Slots(this.attributes);
        this.groupSlots = new Slots(this.groups);
        this.rowReferenceSlots = new Slots(this.rowReferences);
        this.groupColumns = new int[this.groups.length];
        for (int i = 0; i < this.groups.length; i++) {
            groupColumns[i] = column(this.groups[i]);
        }
    }

    /**
     * A layout of the names given, each list without repeats.
     *
     * @param columns the column keys
     * @param references the reference names
     * @param attributes the custom attribute keys, in the order {@code attributes()} lists them
     * @param groups the group names
     * @param rowReferences the names of references to other rows of the file
     * @return the layout
     * @throws IllegalArgumentException if a list names one thing twice
     */
    public static RowLayout of(Collection<String> columns, Collection<String> references,
            Collection<String> attributes, Collection<String> groups, Collection<String> rowReferences) {
        return of(columns, references, attributes, groups, rowReferences, Map.of());
    }

    /**
     * A layout whose columns have labels for messages.
     *
     * @param columns the column keys
     * @param references the reference names
     * @param attributes the custom attribute keys
     * @param groups the group names
     * @param rowReferences the row reference names
     * @param labels each column's label where it is not the key
     * @return the layout
     */
    public static RowLayout of(Collection<String> columns, Collection<String> references,
            Collection<String> attributes, Collection<String> groups, Collection<String> rowReferences,
            Map<String, String> labels) {
        return new RowLayout(columns, references, attributes, groups, rowReferences, labels);
    }

    /**
     * @param column a column key
     * @return its label, or the key when it has none
     */
    public String label(String column) {
        return labels.getOrDefault(column, column);
    }

    /** @return the number of column slots */
    public int columns() {
        return columns.length;
    }

    /** @return the number of reference slots */
    public int references() {
        return references.length;
    }

    /** @return the number of custom attribute slots */
    public int attributes() {
        return attributes.length;
    }

    /** @return the number of group slots */
    public int groups() {
        return groups.length;
    }

    /** @return the number of row-reference slots */
    public int rowReferences() {
        return rowReferences.length;
    }

    /**
     * @param name the name of a reference to another row
     * @return its slot, or -1 when the layout has no such row reference
     */
    public int rowReference(String name) {
        return rowReferenceSlots.get(name);
    }

    /**
     * @param key a column key
     * @return its slot, or -1 when the layout has no such column
     */
    public int column(String key) {
        return columnSlots.get(key);
    }

    /**
     * @param name a group name
     * @return its slot, or -1 when the layout has no such group
     */
    public int group(String name) {
        return groupSlots.get(name);
    }

    /**
     * @param name a reference name
     * @return its slot, or -1 when the layout has no such reference
     */
    public int reference(String name) {
        return referenceSlots.get(name);
    }

    /**
     * @param key a custom attribute key
     * @return its slot, or -1 when the layout has no such attribute
     */
    public int attribute(String key) {
        return attributeSlots.get(key);
    }

    /**
     * @param group a group slot
     * @return the slot of the column that names the group, or -1 when it is not a column
     */
    public int groupColumn(int group) {
        return groupColumns[group];
    }

    /**
     * Whether a row gives a column: its cell was read as a value that is not {@code false}.
     *
     * @param values the row's values by column slot
     * @param column a column key
     * @return whether the column is given
     */
    public boolean isGiven(Object[] values, String column) {
        int slot = column(column);
        return slot >= 0 && values[slot] != null && !Boolean.FALSE.equals(values[slot]);
    }

    /**
     * Whether a row leaves a column empty: its cell has no text, or its value is {@code false}. A
     * cell whose text could not be read is neither given nor empty.
     *
     * @param values the row's values by column slot
     * @param texts the row's texts by column slot
     * @param column a column key
     * @return whether the column is empty
     */
    public boolean isEmpty(Object[] values, String[] texts, String column) {
        int slot = column(column);
        return slot < 0 || texts[slot] == null || Boolean.FALSE.equals(values[slot]);
    }

    /**
     * A row's converted value of a column.
     *
     * @param values the row's values by column slot
     * @param column a column key
     * @param type the type asked for
     * @param <T> the type
     * @return the value, or empty when the column is unset or not in the layout
     * @throws IllegalArgumentException if the value is of another type
     */
    public <T> Optional<T> value(Object[] values, String column, Class<T> type) {
        int slot = column(column);
        return typed(slot < 0 ? null : values[slot], column, type);
    }

    /**
     * A row's cell text of a column.
     *
     * @param texts the row's texts by column slot
     * @param column a column key
     * @return the text, or empty when the cell is empty or the column not in the layout
     */
    public Optional<String> text(String[] texts, String column) {
        int slot = column(column);
        return Optional.ofNullable(slot < 0 ? null : texts[slot]);
    }

    /**
     * A row's resolved record of a reference.
     *
     * @param references the row's records by reference slot
     * @param name a reference name
     * @param type the type asked for
     * @param <T> the type
     * @return the record, or empty when the reference is unresolved or not in the layout
     * @throws IllegalArgumentException if the record is of another type
     */
    public <T> Optional<T> reference(Object[] references, String name, Class<T> type) {
        int slot = reference(name);
        return typed(slot < 0 ? null : references[slot], name, type);
    }

    private static <T> Optional<T> typed(Object value, String name, Class<T> type) {
        Objects.requireNonNull(type, "type must not be null");
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(name + " holds a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return Optional.ofNullable(type.cast(value));
    }

    /**
     * An unmodifiable map view of a row's custom attributes, in slot order, empty slots left out.
     *
     * @param values the row's attribute values by slot
     * @return the view
     */
    public Map<String, Object> attributeMap(Object[] values) {
        return new SlotMap<>(attributes, attributeSlots, values);
    }

    /**
     * An unmodifiable map view of a row's group keys, in slot order, empty slots left out.
     *
     * @param keys the row's group keys by slot
     * @return the view
     */
    public Map<String, String> groupMap(String[] keys) {
        return new SlotMap<>(groups, groupSlots, keys);
    }

    /**
     * @param slot a row-reference slot
     * @return its name
     */
    public String rowReferenceName(int slot) {
        return rowReferences[slot];
    }

    /**
     * @param slot a column slot
     * @return its column key
     */
    public String columnKey(int slot) {
        return columns[slot];
    }

    /**
     * An unmodifiable map view of a row's column values, in slot order, empty slots left out.
     *
     * @param values the row's values by column slot
     * @return the view
     */
    public Map<String, Object> columnMap(Object[] values) {
        return new SlotMap<>(columns, columnSlots, values);
    }

    /**
     * Names to slots in an open-addressed table at most half full: what every {@code row.value(name)},
     * constraint and reference form asks, many times a row, so one probe of two arrays instead of a
     * hash map's node and boxed slot. Names are usually the very strings the definition was built
     * with, found by identity before {@code equals}.
     */
    private static final class Slots {
        private final String[] names;
        private final int[] slots;
        private final int mask;

        Slots(String[] given) {
            int capacity = Integer.highestOneBit(Math.max(1, given.length) * 2 - 1) << 1;
            this.names = new String[capacity];
            this.slots = new int[capacity];
            this.mask = capacity - 1;
            for (int slot = 0; slot < given.length; slot++) {
                String name = Objects.requireNonNull(given[slot], "a name must not be null");
                int i = index(name);
                while (names[i] != null) {
                    if (names[i].equals(name)) {
                        throw new IllegalArgumentException(name + " is named twice");
                    }
                    i = (i + 1) & mask;
                }
                names[i] = name;
                slots[i] = slot;
            }
        }

        private int index(String name) {
            int hash = name.hashCode();
            return (hash ^ (hash >>> 16)) & mask;
        }

        /** The slot of a name, or -1 when it has none (or is not a name at all). */
        int get(Object key) {
            if (!(key instanceof String name)) {
                return -1;
            }
            for (int i = index(name);; i = (i + 1) & mask) {
                String found = names[i];
                if (found == null) {
                    return -1;
                }
                if (found == name || found.equals(name)) {
                    return slots[i];
                }
            }
        }
    }

    /** A map over names and an array of values by slot; absent where the slot is null. */
    private static final class SlotMap<V> extends AbstractMap<String, V> {
        private final String[] names;
        private final Slots slots;
        private final Object[] values;

        SlotMap(String[] names, Slots slots, Object[] values) {
            this.names = names;
            this.slots = slots;
            this.values = values;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(Object key) {
            int slot = slots.get(key);
            return slot < 0 ? null : (V) values[slot];
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        /** Straight over the arrays: no entry made per value (a dry run plans every row's groups). */
        @Override
        @SuppressWarnings("unchecked")
        public void forEach(BiConsumer<? super String, ? super V> action) {
            Objects.requireNonNull(action, "action must not be null");
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    action.accept(names[i], (V) values[i]);
                }
            }
        }

        @Override
        public int size() {
            int size = 0;
            for (Object value : values) {
                size += value == null ? 0 : 1;
            }
            return size;
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return SlotMap.this.size();
                }

                @Override
                public Iterator<Entry<String, V>> iterator() {
                    return new Iterator<>() {
                        private int next = advance(0);

                        private int advance(int from) {
                            int i = from;
                            while (i < values.length && values[i] == null) {
                                i++;
                            }
                            return i;
                        }

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        @SuppressWarnings("unchecked")
                        public Entry<String, V> next() {
                            if (next >= values.length) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, V> entry = new SimpleImmutableEntry<>(names[next], (V) values[next]);
                            next = advance(next + 1);
                            return entry;
                        }
                    };
                }
            };
        }
    }
}
