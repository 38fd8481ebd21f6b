package dev.intake.spi.memory;

import dev.intake.spi.ImportJournal;
import dev.intake.spi.JournalSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps an import journal in memory, for tests and samples. Takes part in an
 * {@link InMemoryTransactions} transaction: a chunk recorded, an entry begun or completed in a
 * transaction that rolls back is undone with it. Thread-safe.
 */
public final class InMemoryImportJournal implements ImportJournal {
    /** One file's entry. */
    private static final class Entry {
        final List<String> chunks = new ArrayList<>();
        JournalSummary completed;
    }

    private final InMemoryTransactions transactions;
    private final Map<List<String>, Entry> entries = new HashMap<>();

    /**
     * An empty journal.
     *
     * @param transactions the transactions it takes part in
     */
    public InMemoryImportJournal(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
    }

    @Override
    public synchronized ImportJournal.Entry begin(String importer, String fingerprint, boolean again) {
        List<String> key = key(importer, fingerprint);
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry());
            transactions.onRollback(() -> remove(key));
            return new ImportJournal.Entry(0, Optional.empty());
        }
        if (entry.completed != null && again) {
            List<String> chunks = List.copyOf(entry.chunks);
            JournalSummary completed = entry.completed;
            entry.chunks.clear();
            entry.completed = null;
            transactions.onRollback(() -> {
                synchronized (this) {
                    entry.chunks.addAll(chunks);
                    entry.completed = completed;
                }
            });
        }
        return new ImportJournal.Entry(entry.chunks.size(), Optional.ofNullable(entry.completed));
    }

    @Override
    public synchronized void record(String importer, String fingerprint, int sequence, String chunk) {
        Objects.requireNonNull(chunk, "chunk must not be null");
        Entry entry = existing(importer, fingerprint);
        if (entry.completed != null) {
            throw new IllegalStateException("the import of " + fingerprint + " by " + importer + " is completed");
        }
        if (sequence != entry.chunks.size()) {
            throw new IllegalStateException("chunk " + sequence + " of " + fingerprint + " by " + importer
                    + " cannot be recorded: " + entry.chunks.size() + " chunks are (is another import of the file running?)");
        }
        entry.chunks.add(chunk);
        transactions.onRollback(() -> {
            synchronized (this) {
                entry.chunks.remove(entry.chunks.size() - 1);
            }
        });
    }

    @Override
    public synchronized Optional<JournalSummary> completed(String importer) {
        return entries.entrySet().stream().filter(e -> e.getKey().get(0).equals(importer) && e.getValue().completed != null)
                .map(e -> e.getValue().completed).max(java.util.Comparator.comparing(JournalSummary::completedAt));
    }

    @Override
    public synchronized Optional<String> chunk(String importer, String fingerprint, int sequence) {
        Entry entry = entries.get(key(importer, fingerprint));
        return entry == null || sequence < 0 || sequence >= entry.chunks.size() ? Optional.empty()
                : Optional.of(entry.chunks.get(sequence));
    }

    @Override
    public synchronized void complete(String importer, String fingerprint, JournalSummary summary) {
        Objects.requireNonNull(summary, "summary must not be null");
        Entry entry = existing(importer, fingerprint);
        JournalSummary before = entry.completed;
        entry.completed = summary;
        transactions.onRollback(() -> {
            synchronized (this) {
                entry.completed = before;
            }
        });
    }

    /**
     * The chunks of an entry, for tests.
     *
     * @param importer the importer's name
     * @param fingerprint the file's fingerprint
     * @return how many chunks it holds, 0 when there is no entry
     */
    public synchronized int chunks(String importer, String fingerprint) {
        Entry entry = entries.get(key(importer, fingerprint));
        return entry == null ? 0 : entry.chunks.size();
    }

    /**
     * The fingerprints journaled for an importer, for tests.
     *
     * @param importer the importer's name
     * @return the fingerprints, in no particular order
     */
    public synchronized List<String> fingerprints(String importer) {
        return entries.keySet().stream().filter(key -> key.get(0).equals(importer)).map(key -> key.get(1)).toList();
    }

    private synchronized void remove(List<String> key) {
        entries.remove(key);
    }

    private Entry existing(String importer, String fingerprint) {
        Entry entry = entries.get(key(importer, fingerprint));
        if (entry == null) {
            throw new IllegalStateException("no journal entry for " + fingerprint + " by " + importer);
        }
        return entry;
    }

    private static List<String> key(String importer, String fingerprint) {
        return List.of(Objects.requireNonNull(importer, "importer must not be null"),
                Objects.requireNonNull(fingerprint, "fingerprint must not be null"));
    }
}
