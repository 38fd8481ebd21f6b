package dev.intake.benchmarks;

import dev.intake.core.result.ImportReport;
import dev.intake.csv.CsvSource;
import dev.intake.examples.ion.IonRuns;
import dev.intake.examples.jdbc.Database;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long a person waits for the import console to check a file: from choosing a 200,000-row runs
 * file on the page (headless Chromium, Debian's, through its chromium-driver) to its counts on
 * screen, against the same dry run through the library in this JVM ({@code IonRuns.importer}) on
 * the same database. The console's time includes the upload, counting the rows for the progress
 * bar, the run's hand-over to a worker, the report kept for pages of failed rows, and the page's
 * polling (every 400 ms). Rounds alternate; medians.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.ConsoleCheck
 *     --db JDBC_URL [--rows 200000] [--runs 5] [--xmx 512m]
 *     [--jar examples/target/intake-examples.jar] [--dir DIR]
 * </pre>
 */
public final class ConsoleCheck {
    private ConsoleCheck() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception if the server, the browser or a run fails
     */
    public static void main(String[] args) throws Exception {
        String jar = "examples/target/intake-examples.jar";
        String db = null;
        Path dir = Path.of("target", "console-bench");
        int rows = 200_000;
        int runs = 5;
        String xmx = "512m";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = args[i + 1];
                case "--db" -> db = args[i + 1];
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (db == null) {
            throw new IllegalArgumentException("--db names the database both paths check against");
        }
        Files.createDirectories(dir);
        Database.open(db).close();
        Path file = file(dir.resolve("runs-" + rows + ".csv"), rows);
        Process server = ServeProcesses.start(jar, xmx, db, dir, dir.resolve("serve.err"));
        ChromeDriver browser = null;
        try {
            URI base = URI.create(ServeProcesses.waitForServer(server));
            browser = chromium(dir);
            signIn(browser, base);
            // one unmeasured round each, so both paths run warm
            console(browser, base, file);
            library(db, file);
            List<Double> onPage = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                direct.add(library(db, file));
                onPage.add(console(browser, base, file));
            }
            Collections.sort(onPage);
            Collections.sort(direct);
            double p = onPage.get(onPage.size() / 2);
            double d = direct.get(direct.size() / 2);
            System.out.printf(Locale.ROOT, "%,d rows, a dry run, %d runs each, %s%n  library directly: median %.2f s (%s)%n"
                    + "  console, file chosen to counts shown (serve -Xmx%s): median %.2f s (%s)%n", rows, runs,
                    db.startsWith("jdbc:postgresql") ? "PostgreSQL" : "H2", d, direct, xmx, p, onPage);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs with a problem in one row of a thousand, as the console's test file has. */
    private static Path file(Path file, int rows) throws Exception {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("title,due_date,quantity,description\n");
            for (int i = 1; i <= rows; i++) {
                out.write("Run " + i + ",2026-12-01," + (i % 1000 == 0 ? -1 : i % 50) + ",batch of the night shift\n");
            }
        }
        return file;
    }

    private static double library(String db, Path file) throws Exception {
        try (Database database = Database.open(db)) {
            long start = System.nanoTime();
            ImportReport report = IonRuns.importer(database.connection()).dryRun(CsvSource.of(file));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.totalRows() == 0 || !report.fileErrors().isEmpty()) {
                throw new IllegalStateException("the dry run failed: " + report.fileErrors());
            }
            return seconds;
        }
    }

    private static ChromeDriver chromium(Path dir) throws Exception {
        Process script = new ProcessBuilder("bash", Path.of(".ci", "chromium").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> paths = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                paths.add(line.strip());
            }
        }
        if (script.waitFor() != 0 || paths.size() != 2) {
            throw new IllegalStateException(".ci/chromium gave no Chromium: " + paths);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(paths.get(0));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(paths.get(1)))
                .usingAnyFreePort().build(), options);
    }

    private static void signIn(ChromeDriver browser, URI base) {
        browser.get(base.resolve("intake/").toString());
        wait(browser).until(d -> !d.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys("hwalker@example.com");
        browser.findElement(By.id("password")).sendKeys("demo-heidi-pass");
        browser.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        wait(browser).until(d -> !d.findElements(By.cssSelector("a[data-importer]")).isEmpty());
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofMinutes(5));
    }

    /** From choosing the file to its counts on screen. */
    private static double console(ChromeDriver browser, URI base, Path file) {
        browser.get(base.resolve("intake/#/importers/" + IonRuns.NAME).toString());
        wait(browser).until(d -> !d.findElements(By.cssSelector("input[type=file]")).isEmpty());
        long start = System.nanoTime();
        browser.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        wait(browser).pollingEvery(Duration.ofMillis(20))
                .until(d -> !d.findElements(By.cssSelector("[data-count=\"rows\"]")).isEmpty());
        return (System.nanoTime() - start) / 1e9;
    }
}
