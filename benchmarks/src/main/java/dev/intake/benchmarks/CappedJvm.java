package dev.intake.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM run with a capped heap and a GC log, for the memory benchmarks: how it ended, how long it
 * took, and the most heap it held after a collection.
 *
 * @param exit its exit code
 * @param seconds its wall time
 * @param stderr its standard error
 * @param outOfMemory whether it ran out of memory
 * @param mostHeapAfterCollection the most heap, in MB, its GC log says was left after a collection
 */
record CappedJvm(int exit, double seconds, String stderr, boolean outOfMemory, long mostHeapAfterCollection) {
    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    /**
     * Runs {@code java -Xmx<heap> -Xlog:gc:file=DIR/gc.log ARGUMENTS}, its standard output to
     * {@code out} and its standard error to {@code DIR/stderr.txt}, and waits for it.
     */
    static CappedJvm run(List<String> arguments, String heap, Path dir, Path out)
            throws IOException, InterruptedException {
        Path gcLog = dir.resolve("gc.log");
        Path stderr = dir.resolve("stderr.txt");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(arguments);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(stderr.toFile()).start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String errors = Files.readString(stderr);
        boolean outOfMemory = errors.contains("OutOfMemoryError") || errors.contains("out of memory");
        long most = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = AFTER_GC.matcher(line);
            if (m.find()) {
                most = Math.max(most, Long.parseLong(m.group(2)));
            }
        }
        return new CappedJvm(exit, seconds, errors, outOfMemory, most);
    }
}
