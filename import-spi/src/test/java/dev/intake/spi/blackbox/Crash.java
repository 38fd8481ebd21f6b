package dev.intake.spi.blackbox;

/** What a process dying in the middle of a write looks like from inside: nothing after it runs. */
final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
        super("the process died");
    }
}
