package dev.intake.spi.internal;

import dev.intake.core.ImportRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One find-or-create group: its name in the definition and its key. Sorted by name, then key: the
 * order in which imports create groups, so that concurrent imports take their locks in one order.
 *
 * @param name the group's name (its column key)
 * @param key the group's key
 */
record GroupKey(String name, String key) implements Comparable<GroupKey> {

    /** @return the groups a row joins, in the definition's order */
    static List<GroupKey> of(ImportRow row) {
        Map<String, String> groups = row.groups();
        List<GroupKey> keys = new ArrayList<>(groups.size());
        groups.forEach((name, key) -> keys.add(new GroupKey(name, key)));
        return keys;
    }

    /** Written out: a dry run asks it for every row (the generated one compares through method handles). */
    @Override
    public boolean equals(Object other) {
        return other instanceof GroupKey group && Objects.equals(key, group.key) && Objects.equals(name, group.name);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(name) + Objects.hashCode(key);
    }

    @Override
    public int compareTo(GroupKey other) {
        int compared = name.compareTo(other.name);
        return compared != 0 ? compared : key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return name + " " + key;
    }
}
