package dev.intake.examples.web;

import dev.intake.examples.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples' web host as users run it: {@code serve} in a JVM of its own with a small heap, on a
 * free port, over a real database. Fails loudly when it does not come up.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving on (http://localhost:\\d+/)");

    private final Process process;
    private final URI base;
    private final Path log;

    private ServeProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts {@code serve --port 0 --db URL} with {@code -Xmx256m} and waits until it answers.
     *
     * @param databaseUrl the database
     * @param log where its standard error goes
     * @param arguments further arguments of {@code serve}
     * @return the running server
     * @throws IOException if it cannot be started, or does not come up within two minutes
     */
    public static ServeProcess start(String databaseUrl, Path log, String... arguments) throws IOException {
        return start(List.of(), databaseUrl, log, arguments);
    }

    /**
     * Starts {@code serve} as {@link #start(String, Path, String...)} does, with further JVM options.
     *
     * @param jvmOptions e.g. {@code -Dname=value}
     * @param databaseUrl the database
     * @param log where its standard error goes
     * @param arguments further arguments of {@code serve}
     * @return the running server
     * @throws IOException if it cannot be started, or does not come up within two minutes
     */
    public static ServeProcess start(List<String> jvmOptions, String databaseUrl, Path log, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("serve", "--port", "0", "--db", databaseUrl));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> serving = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
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
        try {
            String url = serving.get(2, TimeUnit.MINUTES);
            if (url == null) {
                throw new IOException("serve ended without serving: " + tail(log));
            }
            return new ServeProcess(process, URI.create(url), log);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("serve did not come up: " + tail(log), e);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /**
     * @param path a path, e.g. {@code api/import/parts}
     * @return its URI on this server
     */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the process, e.g. to kill it */
    public Process process() {
        return process;
    }

    /** @return its standard error so far */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
