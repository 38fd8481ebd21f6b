package dev.intake.core.internal;

import dev.intake.core.Column;
import dev.intake.core.rule.Rule;
import dev.intake.core.type.ValueType;
import java.util.List;

/**
 * What one source column feeds: a definition column, a custom attribute, or nothing (an unnamed
 * trailing column).
 *
 * @param key the column key or attribute key; null when ignored
 * @param type the type prepared for this import; null when ignored
 * @param rules the column's rules
 * @param attribute whether the column is a custom attribute
 */
public record Binding(String key, ValueType<?> type, List<Rule<?>> rules, boolean attribute) {

    static final Binding IGNORED = new Binding(null, null, List.of(), false);

    static Binding column(Column<?> column) {
        return new Binding(column.key(), column.type().prepare(), List.copyOf(column.rules()), false);
    }

    static Binding attribute(String key, ValueType<?> type) {
        return new Binding(key, type.prepare(), List.of(), true);
    }

    boolean ignored() {
        return key == null;
    }
}
