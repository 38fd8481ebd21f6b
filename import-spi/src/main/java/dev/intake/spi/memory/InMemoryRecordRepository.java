package dev.intake.spi.memory;

import dev.intake.core.TextComparison;
import dev.intake.spi.Existing;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps records in memory, with ids 1, 2, 3, ... For tests and samples. Records with a natural key can
 * be found and updated by it. Thread-safe; writes made in an {@link InMemoryTransactions} transaction
 * are undone when it rolls back.
 *
 * @param <R> the record type
 */
public final class InMemoryRecordRepository<R> implements RecordRepository<R> {
    private final InMemoryTransactions transactions;
    private final Function<? super R, Optional<String>> key;
    private final TextComparison comparison;
    private final Map<String, R> records = new LinkedHashMap<>();
    private long nextId = 1;

    /**
     * A repository whose records have no natural key.
     *
     * @param transactions the transactions it takes part in
     */
    public InMemoryRecordRepository(InMemoryTransactions transactions) {
        this(transactions, record -> Optional.empty());
    }

    /**
     * A repository whose records have a natural key.
     *
     * @param transactions the transactions it takes part in
     * @param key gives a record's natural key, if it has one
     */
    public InMemoryRecordRepository(InMemoryTransactions transactions, Function<? super R, Optional<String>> key) {
        this(transactions, key, TextComparison.exact());
    }

    /**
     * A repository whose records have a natural key that compares as a column does
     * ({@link dev.intake.core.Column#comparison()}): a record is found by a key that compares alike,
     * and named with the key it holds, as a database repository matching on a comparison key would.
     *
     * @param transactions the transactions it takes part in
     * @param key gives a record's natural key, if it has one
     * @param comparison how keys compare, e.g. the key column's {@code comparison()}
     */
    public InMemoryRecordRepository(InMemoryTransactions transactions, Function<? super R, Optional<String>> key,
            TextComparison comparison) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.key = Objects.requireNonNull(key, "key must not be null");
        this.comparison = Objects.requireNonNull(comparison, "comparison must not be null");
    }

    @Override
    public synchronized Written create(R record, WriteContext context) {
        Objects.requireNonNull(record, "record must not be null");
        String id = Long.toString(nextId++);
        records.put(id, record);
        transactions.onRollback(() -> {
            synchronized (this) {
                records.remove(id);
            }
        });
        return new Written(id, key.apply(record));
    }

    @Override
    public Optional<String> keyOf(R record) {
        return key.apply(record);
    }

    /** Matches on the natural key the repository was given; records without one match nothing. */
    @Override
    public synchronized Optional<String> findExisting(R record, WriteContext context) {
        return existing(record).map(Existing::id);
    }

    /** As {@link #findExisting}, naming the key each matched record holds. */
    @Override
    public synchronized List<Optional<Existing>> findExistingAll(List<? extends R> batch, List<WriteContext> contexts) {
        List<Optional<Existing>> found = new ArrayList<>(batch.size());
        for (R record : batch) {
            found.add(existing(record));
        }
        return found;
    }

    private Optional<Existing> existing(R record) {
        Optional<String> wanted = key.apply(record).map(comparison::key);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, R> stored : records.entrySet()) {
            Optional<String> held = key.apply(stored.getValue());
            if (held.isPresent() && wanted.get().equals(comparison.key(held.get()))) {
                return Optional.of(Existing.of(stored.getKey(), held.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Written update(String id, R record, WriteContext context) {
        Objects.requireNonNull(record, "record must not be null");
        R previous = records.get(id);
        if (previous == null) {
            throw new IllegalArgumentException("no record has id " + id);
        }
        records.put(id, record);
        transactions.onRollback(() -> {
            synchronized (this) {
                records.put(id, previous);
            }
        });
        return new Written(id, key.apply(record));
    }

    /**
     * @return the records stored, in the order written, by id
     */
    public synchronized Map<String, R> records() {
        return new LinkedHashMap<>(records);
    }

    /**
     * @return the records stored, in the order written
     */
    public synchronized List<R> values() {
        return new ArrayList<>(records.values());
    }
}
