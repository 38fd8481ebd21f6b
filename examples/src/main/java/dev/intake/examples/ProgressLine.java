package dev.intake.examples;

import dev.intake.spi.ImportProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The command line's progress on a terminal: one line on standard error, redrawn in place at most
 * five times a second: the phase, rows done of the total, the rate and the time left. Ends with a
 * line break, before the report is printed on standard output.
 */
final class ProgressLine implements ImportProgress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanos;
    private final long started;
    private volatile long total;
    private volatile Phase phase = Phase.CHECKING;
    private long done;
    private long drawn = Long.MIN_VALUE;
    private int width;
    private String last = "";

    /**
     * @param err where the line is drawn
     * @param expected the data rows the file holds, or -1 when not known before the import
     * @param nanos the clock
     */
    ProgressLine(PrintWriter err, long expected, LongSupplier nanos) {
        this.err = err;
        this.total = expected;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /**
     * Whether standard error is a terminal: on Linux, what {@code /proc/self/fd/2} links to; elsewhere
     * whether the JVM has a console at all.
     *
     * @return true on a terminal
     */
    static boolean standardErrorIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    @Override
    public synchronized void phase(Phase value) {
        phase = value;
        draw(true);
    }

    @Override
    public synchronized void rows(long rowsRead, long rowsDone) {
        done = rowsDone;
        draw(false);
    }

    @Override
    public void total(long rows) {
        total = rows;
    }

    /** Draws the last state and ends the line. */
    synchronized void finish() {
        draw(true);
        err.println();
        err.flush();
    }

    private void draw(boolean now) {
        long at = nanos.getAsLong();
        if (!now && at - drawn < REDRAW_NANOS) {
            return;
        }
        drawn = at;
        long all = total;
        double seconds = Math.max(1e-9, (at - started) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(words(phase)).append("  ")
                .append(String.format(Locale.ROOT, "%,d", done));
        if (all >= 0) {
            line.append(String.format(Locale.ROOT, " of %,d", Math.max(all, done)));
        }
        line.append(" rows");
        if (done > 0) {
            line.append(String.format(Locale.ROOT, "  %,.0f rows/s", rate));
            if (all > done && rate > 0 && phase != Phase.DONE) {
                line.append("  ").append(clock((long) ((all - done) / rate))).append(" left");
            }
        }
        line.append("  ").append(clock((long) seconds)).append(" elapsed");
        String text = line.toString();
        if (text.equals(last)) {
            return;
        }
        last = text;
        // back to the line's start, the text, and blanks over what a longer line before left
        err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
        width = text.length();
        err.flush();
    }

    private static String words(Phase phase) {
        return switch (phase) {
            case SCANNING -> "reading the file through";
            case CHECKING -> "checking";
            case WRITING -> "writing";
            case RELATIONSHIPS -> "relationships";
            case DONE -> "done";
        };
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
