package dev.intake.spi.memory;

import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
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
    private final Map<List<String>, String> groups = new LinkedHashMap<>();
    private long nextId = 1;

    /**
     * A repository with no groups.
     *
     * @param transactions the transactions it takes part in
     */
    public InMemoryGroupRepository(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
    }

    /**
     * Adds a group that exists before any import, outside any transaction.
     *
     * @param group the group's name
     * @param key its key
     * @return its id
     */
    public synchronized String add(String group, String key) {
        return groups.computeIfAbsent(List.of(group, key), k -> "g" + nextId++);
    }

    @Override
    public synchronized Optional<String> find(String group, String key) {
        return Optional.ofNullable(groups.get(List.of(group, key)));
    }

    @Override
    public synchronized GroupRef findOrCreate(String group, String key) {
        List<String> id = List.of(group, key);
        String existing = groups.get(id);
        if (existing != null) {
            return new GroupRef(existing, false);
        }
        String created = "g" + nextId++;
        groups.put(id, created);
        transactions.onRollback(() -> {
            synchronized (this) {
                groups.remove(id);
            }
        });
        return new GroupRef(created, true);
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
                keys.put(id.get(1), value);
            }
        });
        return keys;
    }
}
