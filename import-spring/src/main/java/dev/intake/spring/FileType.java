package dev.intake.spring;

import dev.intake.core.ImportDefinition;
import dev.intake.core.source.ImportSource;
import dev.intake.csv.CsvSource;
import dev.intake.json.JsonSource;
import dev.intake.xlsx.XlsxSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats a run takes, chosen by the upload's content type, then its file name's extension. */
enum FileType {
    CSV("text/csv", ".csv", ".txt"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", ".xlsm"),
    JSON("application/json", ".json"),
    JSONL("application/jsonl", ".jsonl", ".ndjson");

    private final String contentType;
    private final String[] extensions;

    FileType(String contentType, String... extensions) {
        this.contentType = contentType;
        this.extensions = extensions;
    }

    /**
     * The format of an upload.
     *
     * @param contentType the part's content type, or null
     * @param fileName the part's file name, or null
     * @return its format, if it is one a run takes
     */
    static Optional<FileType> of(String contentType, String fileName) {
        if (contentType != null) {
            String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            for (FileType each : values()) {
                if (each.contentType.equals(type) || (each == JSONL && type.equals("application/x-ndjson"))) {
                    return Optional.of(each);
                }
            }
        }
        if (fileName != null) {
            String name = fileName.toLowerCase(Locale.ROOT);
            for (FileType each : values()) {
                for (String extension : each.extensions) {
                    if (name.endsWith(extension)) {
                        return Optional.of(each);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The source of a stored file of this format.
     *
     * @param file the file
     * @param definition the importer's definition (JSON fields are typed by it)
     * @param worksheet the worksheet to read, for a workbook
     * @return the source
     */
    ImportSource source(Path file, ImportDefinition definition, Optional<String> worksheet) {
        return switch (this) {
            case CSV -> CsvSource.of(file);
            case XLSX -> worksheet.map(sheet -> (ImportSource) XlsxSource.of(file).sheet(sheet))
                    .orElseGet(() -> XlsxSource.of(file));
            case JSON -> JsonSource.builder(file).fields(definition).build();
            case JSONL -> JsonSource.builder(file).fields(definition).lines().build();
        };
    }

    /** @return the content type of a file of this format */
    String contentType() {
        return contentType;
    }
}
