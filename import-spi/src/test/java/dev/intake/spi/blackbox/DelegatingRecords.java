package dev.intake.spi.blackbox;

import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import dev.intake.spi.memory.InMemoryRecordRepository;
import java.util.Optional;
import java.util.function.Function;

/**
 * A record repository that keeps its records in an {@link InMemoryRecordRepository}, for tests whose
 * repository adds a capability of its own (a lookup by key, a chunk of lookups) on top.
 *
 * @param <R> the record type
 */
abstract class DelegatingRecords<R> implements RecordRepository<R> {
    final InMemoryRecordRepository<R> stored;
    private final Function<R, String> key;

    DelegatingRecords(InMemoryRecordRepository<R> stored, Function<R, String> key) {
        this.stored = stored;
        this.key = key;
    }

    @Override
    public Written create(R record, WriteContext context) throws Exception {
        return stored.create(record, context);
    }

    @Override
    public Optional<String> findExisting(R record, WriteContext context) throws Exception {
        return stored.findExisting(record, context);
    }

    @Override
    public Written update(String id, R record, WriteContext context) throws Exception {
        return stored.update(id, record, context);
    }

    @Override
    public Optional<String> keyOf(R record) {
        return Optional.of(key.apply(record));
    }
}
