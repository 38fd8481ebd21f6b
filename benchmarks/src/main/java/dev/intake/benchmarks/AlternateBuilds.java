package dev.intake.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two builds of the benchmarks jar in one JVM, alternated round by round: the dry run of a runs
 * file on one thread and reading ahead, each build in a class loader of its own. On a shared machine
 * whose speed moves by half from one minute to the next, this is how a change shows: both builds
 * meet the same moments. Usage: {@code java -Xms1g -Xmx1g -cp intake-benchmarks.jar
 * dev.intake.benchmarks.AlternateBuilds BEFORE.jar AFTER.jar FILE [ROUNDS]}, FILE a runs CSV or, named
 * {@code .xlsx}, a runs workbook; each round runs both builds, in turns first, after one round that
 * warms them up. Each round also reads the file's rows alone through each build's source ("raw
 * rows": what the reading-ahead thread does, without the checks).
 */
public final class AlternateBuilds {
    private AlternateBuilds() {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    /** A dry run's wall seconds, and its calling thread's CPU seconds and megabytes allocated. */
    private record Taken(double seconds, double cpu, double megabytes) {
    }

    /** One build: its class loader and the calls the rounds make through it. */
    private record Build(String name, ClassLoader loader, Method intake, Method rows, Method csv, Method xlsx,
            Method open, Object dryRun) {
        static Build of(String name, Path jar) throws Exception {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no such jar: " + jar);
            }
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            // The driver registers with DriverManager from the build's own class loader.
            Class.forName("org.h2.Driver", true, loader);
            Class<?> source = Class.forName("dev.intake.core.source.ImportSource", true, loader);
            Class<?> mode = Class.forName("dev.intake.core.result.RunMode", true, loader);
            Method intake = Class.forName(WholeRun.class.getName(), true, loader).getDeclaredMethod("intake", source,
                    mode, String.class, boolean.class, int.class, boolean.class);
            intake.setAccessible(true);
            Method rows = Class.forName(WholeRun.class.getName(), true, loader).getDeclaredMethod("intakeRows", source);
            rows.setAccessible(true);
            Method csv = Class.forName("dev.intake.csv.CsvSource", true, loader).getMethod("of", Path.class);
            Method xlsx = Class.forName("dev.intake.xlsx.XlsxSource", true, loader).getMethod("of", Path.class);
            Method open = Class.forName("dev.intake.examples.jdbc.Database", true, loader).getMethod("open", String.class);
            Object dryRun = mode.getField("DRY_RUN").get(null);
            return new Build(name, loader, intake, rows, csv, xlsx, open, dryRun);
        }

        /**
         * A dry run into a fresh in-memory database loaded outside the timing: its seconds, and the
         * CPU time and allocation of the calling thread, which checks the rows (and reads them too
         * when not reading ahead). Those two move less than the wall on a shared machine.
         */
        Taken dryRun(Path file, boolean readAhead) throws Exception {
            String url = "jdbc:h2:mem:alternate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            try (AutoCloseable database = (AutoCloseable) open.invoke(null, url)) {
                Thread.currentThread().setContextClassLoader(loader);
                long started = System.nanoTime();
                Method source = file.getFileName().toString().endsWith(".xlsx") ? xlsx : csv;
                long cpu = THREADS.getCurrentThreadCpuTime();
                long allocated = THREADS.getCurrentThreadAllocatedBytes();
                intake.invoke(null, source.invoke(null, file), dryRun, url, true, 1, readAhead);
                return new Taken((System.nanoTime() - started) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
                        (THREADS.getCurrentThreadAllocatedBytes() - allocated) / 1e6);
            }
        }

        /** The file's rows read through the build's source alone, every cell touched; its seconds. */
        double rawRows(Path file) throws Exception {
            Thread.currentThread().setContextClassLoader(loader);
            long started = System.nanoTime();
            Method source = file.getFileName().toString().endsWith(".xlsx") ? xlsx : csv;
            rows.invoke(null, source.invoke(null, file));
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args the jar before, the jar after, the CSV or XLSX file, and optionally the rounds (default 6)
     * @throws Exception if a build cannot be loaded or a run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AlternateBuilds BEFORE.jar AFTER.jar FILE.csv|FILE.xlsx [ROUNDS]");
            System.exit(2);
        }
        Build before = Build.of("before", Path.of(args[0]));
        Build after = Build.of("after", Path.of(args[1]));
        Path file = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> megabytes = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) {
            for (Build build : round % 2 == 0 ? List.of(before, after) : List.of(after, before)) {
                for (boolean readAhead : new boolean[] {false, true}) {
                    Taken taken = build.dryRun(file, readAhead);
                    if (round >= 0) {
                        String line = build.name() + (readAhead ? ", reading ahead" : ", one thread");
                        seconds.computeIfAbsent(line, any -> new ArrayList<>()).add(taken.seconds());
                        cpu.computeIfAbsent(line, any -> new ArrayList<>()).add(taken.cpu());
                        megabytes.computeIfAbsent(line, any -> new ArrayList<>()).add(taken.megabytes());
                    }
                }
                double raw = build.rawRows(file);
                if (round >= 0) {
                    seconds.computeIfAbsent(build.name() + ", raw rows", line -> new ArrayList<>()).add(raw);
                }
            }
        }
        System.out.printf("dry run of %s, %d rounds alternated%n", file.getFileName(), rounds);
        seconds.forEach((line, times) -> {
            List<Double> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            System.out.printf("%-26s median %6.3f s  min %6.3f s  max %6.3f s%s%n", line, sorted.get(sorted.size() / 2),
                    sorted.get(0), sorted.get(sorted.size() - 1), cpu.containsKey(line)
                            ? String.format("  calling thread: CPU median %6.3f s, min %6.3f s; allocated median %,.0f MB",
                                    median(cpu.get(line)), Collections.min(cpu.get(line)), median(megabytes.get(line)))
                            : "");
        });
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
