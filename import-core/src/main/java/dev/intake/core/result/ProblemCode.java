package dev.intake.core.result;

/**
 * The stable codes of every problem Intake reports. A code never changes meaning; codes may be added.
 *
 * <p>Each code has a {@link Scope}: file codes reject the whole file before any row is written,
 * request codes reject the request itself, row codes belong to one row.
 */
public enum ProblemCode {
    /** A column matches nothing, and is not an allowed custom attribute. */
    UNKNOWN_COLUMN(Scope.FILE),
    /** Two columns map to the same field. */
    DUPLICATE_COLUMN(Scope.FILE),
    /** A header cell is empty between named columns. */
    BLANK_HEADER(Scope.FILE),
    /** A required column is absent from the header. */
    MISSING_COLUMN(Scope.FILE),
    /** No header, or no data rows where rows are required. */
    EMPTY_FILE(Scope.FILE),
    /** More data rows than the limit. */
    TOO_MANY_ROWS(Scope.FILE),
    /** A byte, cell-length or column limit was exceeded. */
    LIMIT_EXCEEDED(Scope.FILE),
    /** Malformed CSV, corrupt or hostile XLSX, invalid JSON, bad encoding. */
    UNREADABLE_FILE(Scope.FILE),
    /** The named worksheet does not exist. */
    WORKSHEET_NOT_FOUND(Scope.FILE),
    /**
     * The file changed while a commit read it: its rows differ from what the check read, so nothing
     * more was written. The report says which rows were written before.
     */
    FILE_CHANGED(Scope.FILE),
    /** The request itself is invalid (missing design, bad option value in a definition). */
    INVALID_REQUEST(Scope.REQUEST),
    /**
     * What the request names as its target (a design, a branch, a program, a saved definition)
     * does not exist.
     */
    TARGET_NOT_FOUND(Scope.REQUEST),
    /** The caller may not do this. */
    NOT_AUTHORIZED(Scope.REQUEST),
    /** The target is post-release and no branch was given. */
    BRANCH_REQUIRED(Scope.REQUEST),
    /** The caller cancelled the import; the report says which rows were written. */
    CANCELLED(Scope.REQUEST),
    /** A host component failed while the import ran; the report says which rows were written before. */
    INTERRUPTED(Scope.REQUEST),
    /**
     * The importer's journal says this file was imported already; nothing was written. The caller
     * may ask to import it again.
     */
    ALREADY_IMPORTED(Scope.REQUEST),
    /** A required value is missing. */
    REQUIRED(Scope.ROW),
    /** A value is not one of the accepted boolean words. */
    INVALID_BOOLEAN(Scope.ROW),
    /** A value is not a whole number. */
    INVALID_INTEGER(Scope.ROW),
    /** A value is not a number. */
    INVALID_NUMBER(Scope.ROW),
    /** A value is not a date in the column's format. */
    INVALID_DATE(Scope.ROW),
    /** A value is not an email address. */
    INVALID_EMAIL(Scope.ROW),
    /** A value does not match the column's pattern, or holds a control character. */
    INVALID_FORMAT(Scope.ROW),
    /** A value is longer than allowed. */
    TOO_LONG(Scope.ROW),
    /** A value is shorter than allowed. */
    TOO_SHORT(Scope.ROW),
    /** A number is outside its allowed range. */
    OUT_OF_RANGE(Scope.ROW),
    /** A value is not one of the allowed values. */
    INVALID_OPTION(Scope.ROW),
    /** Columns that exclude each other are both given. */
    CONFLICTING_COLUMNS(Scope.ROW),
    /** None of a group where one is required. */
    MISSING_ONE_OF(Scope.ROW),
    /** Some but not all of columns that go together. */
    INCOMPLETE_GROUP(Scope.ROW),
    /** A reference resolves to nothing. */
    NOT_FOUND(Scope.ROW),
    /** A reference resolves to more than one record. */
    AMBIGUOUS(Scope.ROW),
    /** The key repeats within the file, or (create-only) already exists. */
    DUPLICATE_KEY(Scope.ROW),
    /** A row reference names a row of the file that failed (its checks or its write). */
    REFERENCED_ROW_FAILED(Scope.ROW),
    /** Rows refer to each other in a cycle, or a row refers to itself. */
    REFERENCE_CYCLE(Scope.ROW),
    /** The value is valid but the host refuses it. */
    NOT_ALLOWED(Scope.ROW),
    /** The row has a different number of cells than the header. */
    WRONG_CELL_COUNT(Scope.ROW),
    /** A row of a structured source (JSON) names a field the definition does not know. */
    UNKNOWN_FIELD(Scope.ROW),
    /** A row of a structured source (JSON) gives the same field twice. */
    DUPLICATE_FIELD(Scope.ROW),
    /** The host repository refused or failed to write the row. */
    WRITE_FAILED(Scope.ROW),
    /** The row has more problems than a report lists for one row; this one counts the rest. */
    PROBLEMS_OMITTED(Scope.ROW),
    /**
     * A resumed commit: the row failed its checks in the interrupted import, which went on past it,
     * and passes them now; it was not written. Import it again in a file of its own.
     */
    REFUSED_BEFORE_RESUME(Scope.ROW);

    /** Where a code applies. */
    public enum Scope {
        /** The whole file is rejected. */
        FILE,
        /** The request is rejected. */
        REQUEST,
        /** One row is rejected. */
        ROW
    }

    private final Scope scope;

    ProblemCode(Scope scope) {
        this.scope = scope;
    }

    /**
     * Where this code applies.
     *
     * @return the scope, never null
     */
    public Scope scope() {
        return scope;
    }
}
