package dev.intake.spi.internal;

import java.util.Objects;

/**
 * One find-or-create group: its name in the definition, its key as the file first gave it, and what
 * that key compares as ({@link dev.intake.core.Column#comparison()} of the group's column). Two keys
 * that compare alike are one group. Sorted by name, then compared key: the order in which imports
 * create groups, so that concurrent imports take their locks in one order.
 *
 * @param name the group's name (its column key)
 * @param key the group's key as the file gave it
 * @param compared what the key compares as
 */
record GroupKey(String name, String key, String compared) implements Comparable<GroupKey> {

    /** Written out: a dry run asks it for every row (the generated one compares through method handles). */
    @Override
    public boolean equals(Object other) {
        return other instanceof GroupKey group && Objects.equals(compared, group.compared) && Objects.equals(name, group.name);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(name) + Objects.hashCode(compared);
    }

    @Override
    public int compareTo(GroupKey other) {
        int compared = name.compareTo(other.name);
        return compared != 0 ? compared : this.compared.compareTo(other.compared);
    }

    @Override
    public String toString() {
        return name + " " + key;
    }
}
