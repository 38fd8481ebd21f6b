package dev.intake.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The examples' {@code serve} as the web benchmarks start it: a process of its own, awaited until it answers. */
final class ServeProcesses {
    private static final Pattern SERVING = Pattern.compile("serving on (http://localhost:\\d+/)");

    private ServeProcesses() {
    }

    /**
     * Starts {@code serve} from the examples' jar on a free port, its runs under {@code dir/runs}.
     *
     * @param jar the examples' jar
     * @param xmx its heap, e.g. {@code 512m}
     * @param db its database
     * @param dir where its runs go
     * @param log where its standard error goes
     * @param more further arguments of {@code serve}
     * @return the process, not yet serving ({@link #waitForServer})
     * @throws java.io.IOException if it cannot be started
     */
    static Process start(String jar, String xmx, String db, Path dir, Path log, String... more) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(java(), "-Xmx" + xmx, "-jar", jar,
                "serve", "--port", "0", "--db", db, "--runs-dir", dir.resolve("runs").toString()));
        command.addAll(java.util.List.of(more));
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    /**
     * Waits until a started {@code serve} says where it serves.
     *
     * @param server the process
     * @return its base URL
     * @throws Exception if it does not come up within two minutes
     */
    static String waitForServer(Process server) throws Exception {
        CompletableFuture<String> serving = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher matcher = SERVING.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String url = serving.get(2, TimeUnit.MINUTES);
        if (url == null) {
            throw new IllegalStateException("serve did not start");
        }
        return url;
    }

    /** @return this JVM's java command */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
