package dev.intake.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent: by this process (the JVM's own count), and by a PostgreSQL server running on this
 * machine (from {@code /proc}: every process named {@code postgres}, plus what the postmaster's
 * finished children spent, so that the backend of a connection closed at the end of a run still
 * counts). Read before and after a run; the difference is what the run cost.
 */
final class Cpu {
    /** Linux's clock ticks per second in {@code /proc/PID/stat}. */
    private static final double TICKS = 100.0;

    private Cpu() {
    }

    /** @return this process's CPU time so far, in nanoseconds */
    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @return the CPU time of the local PostgreSQL server so far, in nanoseconds; 0 where /proc cannot tell */
    static long postgres() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                ticks += postgresTicks(process);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return (long) (ticks / TICKS * 1e9);
    }

    private static long postgresTicks(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return 0; // gone meanwhile
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
            return 0;
        }
        // after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        String[] fields = stat.substring(close + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        boolean postmaster = !isPostgres(fields[1]);
        return postmaster ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    private static boolean isPostgres(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals("postgres");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
