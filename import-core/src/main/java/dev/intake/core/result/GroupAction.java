package dev.intake.core.result;

/** What an import did (or, in a dry run, would do) with a find-or-create group. */
public enum GroupAction {
    /** The group did not exist and was, or would be, created. */
    CREATE,
    /** The group existed and rows joined it. */
    FOUND
}
