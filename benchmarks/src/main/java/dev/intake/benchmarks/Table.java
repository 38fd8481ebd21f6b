package dev.intake.benchmarks;

import java.util.Arrays;

/** Prints timing lines as medians with min/max, rows/s, MB/s and a ratio to a baseline. */
final class Table {
    /**
     * One measured thing: its name, its times in nanoseconds, its baseline's times (or null), and the
     * CPU time of this process and of the database server during each run (or null).
     */
    record Line(String name, long[] nanos, long[] baseline, long[] cpu, long[] serverCpu) {
        Line(String name, long[] nanos, long[] baseline) {
            this(name, nanos, baseline, null, null);
        }
    }

    private Table() {
    }

    static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median of CPU times, in seconds; blank when not measured. */
    private static String seconds(long[] nanos) {
        return nanos == null || Arrays.stream(nanos).allMatch(n -> n == 0) ? "" : String.format("%.1f", median(nanos) / 1e9);
    }

    static void print(long rows, long bytes, Line... lines) {
        System.out.printf("%-56s %10s %10s %10s %12s %8s %10s %8s %8s%n", "", "median s", "min s", "max s", "rows/s",
                "MB/s", "ratio", "cpu s", "db cpu s");
        for (Line line : lines) {
            long[] sorted = line.nanos.clone();
            Arrays.sort(sorted);
            double median = median(line.nanos) / 1e9;
            String ratio = line.baseline == null ? "" : String.format("%.2fx", median(line.baseline) / 1e9 / median);
            System.out.printf("%-56s %10.3f %10.3f %10.3f %12.0f %8.1f %10s %8s %8s%n", line.name, median, sorted[0] / 1e9,
                    sorted[sorted.length - 1] / 1e9, rows / median, bytes / 1e6 / median, ratio, seconds(line.cpu),
                    seconds(line.serverCpu));
        }
    }
}
