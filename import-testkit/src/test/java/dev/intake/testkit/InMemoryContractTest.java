package dev.intake.testkit;

import dev.intake.spi.memory.InMemoryRunFiles;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.run.DirectoryRunFiles;
import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryImportJournal;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** Intake's in-memory repositories pass the contract test kit. */
class InMemoryContractTest {

    @Nested
    class Groups extends GroupRepositoryContract {
        private final InMemoryTransactions transactions = new InMemoryTransactions();
        private final InMemoryGroupRepository groups = new InMemoryGroupRepository(transactions);

        @Override
        protected Session openSession() {
            return Session.of(groups, transactions, () -> { });
        }
    }

    @Nested
    class Journal extends ImportJournalContract {
        private final InMemoryTransactions transactions = new InMemoryTransactions();
        private final InMemoryImportJournal journal = new InMemoryImportJournal(transactions);

        @Override
        protected Session openSession() {
            return Session.of(journal, transactions, () -> { });
        }
    }

    record Part(String number, String name) {
    }

    @Nested
    class Records extends RecordRepositoryContract<Part> {
        @Override
        protected Session<Part> openSession() {
            InMemoryTransactions transactions = new InMemoryTransactions();
            InMemoryRecordRepository<Part> records =
                    new InMemoryRecordRepository<>(transactions, part -> Optional.of(part.number()));
            return new Session<>() {
                @Override
                public InMemoryRecordRepository<Part> records() {
                    return records;
                }

                @Override
                public InMemoryTransactions transactions() {
                    return transactions;
                }

                @Override
                public long count() {
                    return records.values().size();
                }

                @Override
                public void close() {
                    // nothing to release
                }
            };
        }

        @Override
        protected Part newRecord(int n) {
            return new Part("P-" + n, "Part " + n);
        }

        @Override
        protected Optional<Part> changedRecord(int n) {
            return Optional.of(new Part("P-" + n, "Renamed " + n));
        }
    }

    @Nested
    class Runs extends RunStoreContract {
        @Override
        protected RunStore newStore() {
            return new InMemoryRunStore();
        }
    }

    @Nested
    class FilesInMemory extends RunFilesContract {
        @Override
        protected RunFiles newFiles() {
            return new InMemoryRunFiles();
        }
    }

    @Nested
    class FilesInADirectory extends RunFilesContract {
        @TempDir
        Path directory;

        @Override
        protected RunFiles newFiles() throws IOException {
            return new DirectoryRunFiles(directory.resolve("runs"));
        }
    }
}
