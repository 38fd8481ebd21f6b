package dev.intake.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The examples' command line run in the test's JVM, its standard output and error captured.
 *
 * @param exitCode the exit code
 * @param out what it printed on standard output (the report JSON)
 * @param err what it printed on standard error
 */
public record CommandLineRun(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs the command line.
     *
     * @param args its arguments
     * @return what it did
     */
    public static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineRun(code, out.toString(), err.toString());
    }

    /**
     * @return standard output read as JSON
     * @throws Exception if it is not JSON
     */
    public JsonNode json() throws Exception {
        return JSON.readTree(out);
    }
}
