package dev.intake.core;

/** Whether rows create records, update them, or both, matched on the definition's key. */
public enum Mode {
    /** A row never updates: a key that already exists is {@code DUPLICATE_KEY}. */
    CREATE_ONLY,
    /** A row must match an existing record by key. */
    UPDATE_ONLY,
    /** A row updates the record its key matches, or creates one. */
    UPSERT
}
