package dev.intake.spi.run;

import java.util.Objects;
import java.util.Optional;

/**
 * A run as submitted, before the store gives it an id and a number.
 *
 * @param definition the id of the definition it executes
 * @param creator who submits it
 * @param commit whether it writes
 * @param file the submitted file's id in {@link RunFiles}
 * @param fileName the submitted file's name
 * @param fileType the submitted file's type, as the host names it
 * @param worksheet the worksheet to read, for a workbook
 */
public record NewRun(String definition, String creator, boolean commit, String file, String fileName, String fileType,
        Optional<String> worksheet) {
    /**
     * Validates the components. /
     *
     * @param definition the definition's id
     * @param creator who submits it
     * @param commit whether it writes
     * @param file the file's id
     * @param fileName the file's name
     * @param fileType the file's type
     * @param worksheet the worksheet
     */
    public NewRun {
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(creator, "creator must not be null");
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(fileName, "fileName must not be null");
        Objects.requireNonNull(fileType, "fileType must not be null");
        Objects.requireNonNull(worksheet, "worksheet must not be null");
    }
}
