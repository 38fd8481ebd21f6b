package dev.intake.examples.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through Debian's chromium-driver: found (and installed when missing)
 * by the project's {@code .ci/chromium}, started without Selenium Manager so nothing is downloaded.
 * Saves a screenshot of a state where a person can look at it ({@code target/console-screenshots}),
 * the screenshot and the page's HTML of a failure ({@code target/console-failures}), and checks a
 * state with axe-core.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Path FAILURES = Path.of("target", "console-failures");

    private final ChromeDriver driver;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** The browser and its driver's paths, from the project's script. */
    private static List<String> chromium() throws IOException, InterruptedException {
        Path script = Path.of("..", ".ci", "chromium").toAbsolutePath().normalize();
        Process process = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line.strip());
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || lines.size() != 2) {
            throw new IllegalStateException(".ci/chromium could not provide Chromium and its driver: " + lines);
        }
        return lines;
    }

    /**
     * Starts a headless Chromium.
     *
     * @param downloads where it saves what it downloads
     * @return the browser
     * @throws Exception if Chromium or its driver cannot be had
     */
    static Browser start(Path downloads) throws Exception {
        List<String> paths = chromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(paths.get(0));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--lang=en-US");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                downloads.toAbsolutePath().toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(paths.get(1))).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, downloads);
    }

    WebDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to a minute for a condition. */
    <T> T until(ExpectedCondition<T> condition) {
        // the page renders a state anew: an element read a moment ago may be gone, and is looked up again
        return new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Waits for an element. */
    WebElement waitFor(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves a screenshot of the page as it is, named for its state. */
    Path screenshot(String state) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(state + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Saves what a failure leaves to look at: the screenshot and the HTML. */
    void saveFailure(String test) {
        try {
            Files.createDirectories(FAILURES);
            Files.write(FAILURES.resolve(test + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(FAILURES.resolve(test + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("console tests: the failure of " + test + " could not be saved: " + e);
        }
    }

    /**
     * The axe-core violations of serious or critical impact on the page as it is, each with its
     * rule, impact and the elements it found.
     */
    List<String> seriousViolations() {
        Results results = new AxeBuilder().analyze(driver);
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                StringBuilder text = new StringBuilder(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp());
                rule.getNodes().forEach(node -> text.append("\n    ").append(node.getTarget()).append(' ')
                        .append(node.getHtml()));
                found.add(text.toString());
            }
        }
        return found;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
