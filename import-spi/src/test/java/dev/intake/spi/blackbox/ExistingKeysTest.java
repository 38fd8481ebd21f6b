package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Mode;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.ExistingKeys;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A row that fails its checks is still matched to the existing record its valid key names, when the
 * repository can look records up by key: the report names every problem of the row.
 */
class ExistingKeysTest {
    record Part(String number, LocalDate due) {
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Part> stored =
            new InMemoryRecordRepository<>(transactions, part -> Optional.of(part.number()));
    private final List<String> looked = new ArrayList<>();

    /** The in-memory parts, found by number alone as well. */
    private final class Parts extends DelegatingRecords<Part> implements ExistingKeys {
        Parts() {
            super(ExistingKeysTest.this.stored, Part::number);
        }

        @Override
        public Optional<String> findExistingByKey(ImportRow row, ImportContext context) throws Exception {
            String number = row.text("number").orElseThrow();
            looked.add(number);
            return stored.findExisting(new Part(number, null), null);
        }
    }

    private Importer<Part> importer(Mode mode, CommitPolicy policy, RecordRepository<Part> repository) {
        ImportDefinition definition = ImportDefinition.builder("parts")
                .column(Column.text("number").required())
                .column(Column.date("due"))
                .key("number")
                .allowModes(Mode.CREATE_ONLY, Mode.UPDATE_ONLY, Mode.UPSERT)
                .mode(mode)
                .build();
        return Importer.builder(definition, row -> new Part(row.value("number", String.class).orElseThrow(),
                row.value("due", LocalDate.class).orElse(null)), repository)
                .transactions(transactions)
                .policy(policy)
                .build();
    }

    private static ListSource file(String... rows) {
        return ListSource.of("parts.csv", List.of("number", "due"),
                Arrays.stream(rows).map(r -> List.of(r.split("\\|", -1))).toList());
    }

    private static List<String> problems(ImportReport report, long row) {
        return report.failedRows().stream().filter(failed -> failed.rowNumber() == row).flatMap(failed ->
                failed.errors().stream()).map(p -> p.code() + " " + p.column().orElse("-") + " " + p.message()).toList();
    }

    @Test
    void aFailedRowWhoseKeyExistsIsReportedAsADuplicateToo() {
        Parts parts = new Parts();
        importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW, parts).commit(file("P-1|2026-01-10"));

        for (CommitPolicy policy : CommitPolicy.values()) {
            Importer<Part> creating = importer(Mode.CREATE_ONLY, policy, parts);
            for (ImportReport report : List.of(creating.dryRun(file("P-1|2026-13-01", "P-2|soon", "P-3|2026-02-01")),
                    creating.commit(file("P-1|2026-13-01", "P-2|soon")))) {
                assertThat(problems(report, 2)).as(policy.toString()).containsExactly(
                        "DUPLICATE_KEY number number P-1 already exists; this import only creates records",
                        "INVALID_DATE due due must be a date like 2026-06-15, not 2026-13-01");
                assertThat(problems(report, 3)).as("a new key: only its own problem").containsExactly(
                        "INVALID_DATE due due must be a date like 2026-06-15, not soon");
            }
        }
        assertThat(stored.values()).containsExactly(new Part("P-1", LocalDate.of(2026, 1, 10)));
    }

    @Test
    void underUpdateOnlyAFailedRowWithAnUnknownKeyIsReportedNotFoundToo() {
        Parts parts = new Parts();
        importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW, parts).commit(file("P-1|2026-01-10"));

        ImportReport report = importer(Mode.UPDATE_ONLY, CommitPolicy.PER_ROW, parts)
                .dryRun(file("P-9|2026-13-01", "P-1|later"));

        assertThat(problems(report, 2)).containsExactly(
                "NOT_FOUND number no existing record has number P-9; this import only updates records",
                "INVALID_DATE due due must be a date like 2026-06-15, not 2026-13-01");
        assertThat(problems(report, 3)).containsExactly("INVALID_DATE due due must be a date like 2026-06-15, not later");
    }

    @Test
    void aKeyThatFailedItselfOrAnUpsertOrARepositoryWithoutKeyLookupsAsksNothing() {
        Parts parts = new Parts();
        importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW, parts).commit(file("P-1|2026-01-10"));
        looked.clear();

        ImportReport missingKey = importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW, parts).dryRun(file("|2026-13-01"));
        assertThat(missingKey.failedRows()).extracting(FailedRow::errors).extracting(List::size).containsExactly(2);
        ImportReport upsert = importer(Mode.UPSERT, CommitPolicy.PER_ROW, parts).dryRun(file("P-1|2026-13-01"));
        assertThat(problems(upsert, 2)).containsExactly("INVALID_DATE due due must be a date like 2026-06-15, not 2026-13-01");
        assertThat(looked).isEmpty();

        ImportReport plain = importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW, stored).dryRun(file("P-1|2026-13-01"));
        assertThat(plain.failedRows()).extracting(FailedRow::errors).containsExactly(List.of(Problem.at(
                dev.intake.core.result.ProblemCode.INVALID_DATE, "due", "due must be a date like 2026-06-15, not 2026-13-01")));
    }
}
