package dev.intake.spi.blackbox;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the engine logs through {@code System.Logger} (which the JDK sends to
 * {@code java.util.logging} when no other backend is installed), for tests that a cause named
 * nowhere in the report does reach the log.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.intake.spi");
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** @return each logged message with its cause's message, as one line */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            lines.add(record.getMessage() + (record.getThrown() == null ? "" : " <- " + record.getThrown().getMessage()));
        }
        return lines;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
