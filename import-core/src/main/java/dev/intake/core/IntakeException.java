package dev.intake.core;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Base of the exceptions Intake throws when a source cannot be read or a host component fails,
 * carrying where it happened when that is known. Problems in the user's data are never exceptions;
 * they are values in the report.
 */
public class IntakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long rowNumber;
    private final String column;

    /**
     * An exception with a message and no location.
     *
     * @param message what went wrong
     */
    public IntakeException(String message) {
        this(message, -1, null, null);
    }

    /**
     * An exception with a location.
     *
     * @param message what went wrong
     * @param rowNumber the row number, or -1 when unknown
     * @param column the column, or null when unknown
     * @param cause the cause, or null
     */
    public IntakeException(String message, long rowNumber, String column, Throwable cause) {
        super(message, cause);
        this.rowNumber = rowNumber;
        this.column = column;
    }

    /**
     * @return the row number where it happened, if known
     */
    public OptionalLong rowNumber() {
        return rowNumber < 0 ? OptionalLong.empty() : OptionalLong.of(rowNumber);
    }

    /**
     * @return the column where it happened, if known
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
