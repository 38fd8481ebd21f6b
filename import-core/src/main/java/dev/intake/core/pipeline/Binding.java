package dev.intake.core.pipeline;

import dev.intake.core.Column;
import dev.intake.core.rule.Rule;
import dev.intake.core.type.ValueType;
import java.util.List;

/**
 * What one source column feeds: a definition column, a custom attribute, or nothing: an unnamed
 * trailing column (whose values are row problems), a column whose values are not read (the problems
 * column of an Intake error report, or an unknown column the definition ignores), or a column of a
 * header with problems.
 *
 * @param key the column key or attribute key; null when nothing is fed
 * @param label what messages call it: the column's label, an attribute's key
 * @param type the type prepared for this import; null when nothing is fed
 * @param rules the column's rules
 * @param attribute whether the column is a custom attribute
 */
record Binding(String key, String label, ValueType<?> type, List<Rule<?>> rules, boolean attribute) {

    /** A column with a blank header: it must hold no values. */
    static final Binding UNNAMED = new Binding(null, null, null, List.of(), false);
    /** A column whose values are not read: an error report's problems, or an ignored unknown column. */
    static final Binding SKIPPED = new Binding(null, null, null, List.of(), false);
    /** A column of a header with problems; no row is read. */
    static final Binding IGNORED = new Binding(null, null, null, List.of(), false);

    static Binding column(Column<?> column) {
        return new Binding(column.key(), column.label(), column.type().prepare(), List.copyOf(column.rules()), false);
    }

    static Binding attribute(String key, ValueType<?> type) {
        return new Binding(key, key, type.prepare(), List.of(), true);
    }

    boolean ignored() {
        return key == null;
    }
}
