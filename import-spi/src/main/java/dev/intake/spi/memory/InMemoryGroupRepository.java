package dev.intake.spi.memory;

import dev.intake.core.ImportDefinition;
import dev.intake.core.TextComparison;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps find-or-create groups in memory, with ids {@code g1}, {@code g2}, ... For tests and samples.
 * Thread-safe: {@link #findOrCreate} is atomic, so concurrent imports create each group once; a
 * group created in an {@link InMemoryTransactions} transaction is removed when it rolls back.
 */
public final class InMemoryGroupRepository implements GroupRepository {
    private final InMemoryTransactions transactions;
    private final Map<String, TextComparison> comparisons;
    private final Map<List<String>, String> groups = new LinkedHashMap<>();
    /** The key each group holds, by its name and comparison key. */
    private final Map<List<String>, String> held = new HashMap<>();
    private long nextId = 1;

    /**
     * A repository with no groups.
     *
     * @param transactions the transactions it takes part in
     */
    public InMemoryGroupRepository(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.comparisons = Map.of();
    }

    /**
     * A repository with no groups, whose groups' keys compare as the definition's group columns do
     * ({@link dev.intake.core.Column#comparison()}): a group found by another spelling than the one
     * it holds is reported with the held one, as a database repository matching on a comparison key
     * would.
     *
     * @param transactions the transactions it takes part in
     * @param definition the definition whose groups it keeps
     */
    public InMemoryGroupRepository(InMemoryTransactions transactions, ImportDefinition definition) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        Map<String, TextComparison> byGroup = new HashMap<>();
        for (String group : definition.groups()) {
            byGroup.put(group, definition.column(group).orElseThrow().comparison());
        }
        this.comparisons = Map.copyOf(byGroup);
    }

    private List<String> id(String group, String key) {
        return List.of(group, comparisons.getOrDefault(group, TextComparison.exact()).key(key));
    }

    /**
     * Adds a group that exists before any import, outside any transaction.
     *
     * @param group the group's name
     * @param key its key
     * @return its id
     */
    public synchronized String add(String group, String key) {
        List<String> id = id(group, key);
        held.putIfAbsent(id, key);
        return groups.computeIfAbsent(id, k -> "g" + nextId++);
    }

    @Override
    public synchronized Optional<String> find(String group, String key) {
        return Optional.ofNullable(groups.get(id(group, key)));
    }

    @Override
    public synchronized GroupRef findOrCreate(String group, String key) {
        List<String> id = id(group, key);
        String existing = groups.get(id);
        if (existing != null) {
            return GroupRef.found(existing, held.get(id));
        }
        String created = "g" + nextId++;
        groups.put(id, created);
        held.put(id, key);
        transactions.onRollback(() -> {
            synchronized (this) {
                groups.remove(id);
                held.remove(id);
            }
        });
        return new GroupRef(created, true, Optional.of(key));
    }

    /**
     * The keys of one group name, in the order created.
     *
     * @param group the group's name
     * @return the keys with their ids
     */
    public synchronized Map<String, String> groups(String group) {
        Map<String, String> keys = new LinkedHashMap<>();
        groups.forEach((id, value) -> {
            if (id.get(0).equals(group)) {
                keys.put(held.get(id), value);
            }
        });
        return keys;
    }
}
