package dev.intake.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.examples.web.ServeProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The import console of {@code serve} in a real browser (Debian's Chromium, headless): signing in,
 * every step of a file's way from a choice to its import, on CSV and XLSX files with the mistakes
 * people make, a header mapping, fixes cell by cell, reloads, the keyboard alone, axe-core on each
 * state, hostile cell text, and a file of 200,000 rows. Each state is saved as a screenshot under
 * {@code target/console-screenshots}; a failure leaves its screenshot and HTML under
 * {@code target/console-failures}.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ConsoleBrowserTest {
    private static final String HEIDI = "hwalker@example.com";
    private static final String HEIDI_PASSWORD = "demo-heidi-pass";

    @TempDir
    static Path dir;

    private static ServeProcess server;
    private static String url;
    private static Browser browser;

    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.saveFailure(context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void serve() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        server = ServeProcess.start(url, dir.resolve("serve.err"), "--runs-dir", dir.resolve("runs").toString());
        browser = Browser.start(Files.createDirectories(dir.resolve("downloads")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver().manage().deleteAllCookies();
    }

    private static String at(String path) {
        return server.uri(path).toString();
    }

    private static void signIn() {
        browser.driver().get(at("intake/"));
        browser.waitFor("input#email").sendKeys(HEIDI);
        browser.find("input#password").sendKeys(HEIDI_PASSWORD);
        browser.driver().findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        browser.waitFor("a[data-importer]");
    }

    /** Saves the state's screenshot and asserts axe-core finds nothing serious or critical in it. */
    private static void looked(String state) throws Exception {
        browser.screenshot(state);
        assertThat(browser.seriousViolations()).as("axe-core on " + state).isEmpty();
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long shown(String key) {
        return Long.parseLong(browser.waitFor("[data-count=\"" + key + "\"]").getText().replace(",", ""));
    }

    /** Chooses a file on the importer's page and waits for its check to end. */
    private static void choose(String importer, Path file) {
        browser.driver().get(at("intake/#/importers/" + importer));
        browser.waitFor("input[type=file]").sendKeys(file.toAbsolutePath().toString());
        browser.waitFor("[data-count=\"rows\"]");
    }

    private static WebElement cell(long row, String column) {
        return browser.find("tr[data-row=\"" + row + "\"] td[data-column=\"" + column + "\"] input, tr[data-row=\"" + row
                + "\"] td[data-column=\"" + column + "\"] textarea");
    }

    private static void type(long row, String column, String text) {
        WebElement input = cell(row, column);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }

    /** Chooses Check again and waits for the new check's counts. */
    private static void checkAgain() {
        String before = browser.driver().getCurrentUrl();
        browser.driver().findElement(By.xpath("//button[normalize-space()='Check again']")).click();
        browser.until(d -> !d.getCurrentUrl().equals(before));
        browser.waitFor("[data-count=\"rows\"]");
    }

    private static List<Long> failedRows() {
        return browser.all("table[data-rows=failed] tr[data-row]").stream()
                .map(row -> Long.parseLong(row.getDomAttribute("data-row"))).toList();
    }

    @Test
    void a_aWrongPasswordShowsTheFormAgainWithAMessageAndTheRightOneOpensTheImporters() throws Exception {
        browser.driver().get(at("intake/"));
        browser.waitFor("input#email");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        looked("01-sign-in");
        browser.find("input#email").sendKeys(HEIDI);
        browser.find("input#password").sendKeys("not-her-password");
        browser.driver().findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        WebElement message = browser.waitFor("[role=alert]");
        assertThat(message.getText()).startsWith("The email or password is wrong");
        assertThat(browser.find("label[for=email]").getText()).isEqualTo("Email");
        assertThat(browser.find("label[for=password]").getText()).isEqualTo("Password");
        looked("02-sign-in-refused");

        browser.find("input#email").sendKeys(HEIDI);
        browser.find("input#password").sendKeys(HEIDI_PASSWORD);
        browser.driver().findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        browser.waitFor("a[data-importer]");
        assertThat(browser.find("a[data-importer=\"ion-runs\"]").getText()).isEqualTo("Runs");
        assertThat(browser.find("a[data-importer=\"employees\"]").getText()).isEqualTo("Employees");
        assertThat(browser.find("#who").getText()).isEqualTo("Signed in as " + HEIDI);
        looked("03-home");
    }

    @Test
    void b_aCsvWithMistakesIsFixedCellByCellUntilImportIsEnabledThenImported() throws Exception {
        signIn();
        browser.find("a[data-importer=\"ion-runs\"]").click();
        assertThat(browser.waitFor("a[data-template=\"csv\"]").getDomAttribute("href"))
                .isEqualTo("api/importers/ion-runs/template?format=csv");
        assertThat(browser.find("a[data-template=\"xlsx\"]").getDomAttribute("href"))
                .isEqualTo("api/importers/ion-runs/template?format=xlsx");
        looked("04-importer");

        choose("ion-runs", Path.of("samples", "ion-runs-with-errors.csv"));
        assertThat(shown("rows")).isEqualTo(9);
        assertThat(shown("ok")).isEqualTo(1);
        assertThat(shown("failed")).isEqualTo(8);
        assertThat(failedRows()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        WebElement date = cell(5, "due_date");
        assertThat(date.getDomProperty("value")).isEqualTo("2026-13-01");
        assertThat(date.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#" + date.getDomAttribute("aria-describedby")).getText())
                .isEqualTo("Due Date must be a date like 2026-06-15, not 2026-13-01");
        assertThat(browser.find("tr[data-row=\"10\"] th").getText()).contains("line must be one of L1, L2, L3, not L9");
        assertThat(browser.find("#import").isEnabled()).as("a check without file problems").isTrue();
        assertThat(browser.find("#import-note").getText()).isEqualTo("Imports the 1 row that passes; 8 rows with"
                + " problems will be left out.");
        assertThat(browser.find("a[data-error-report=\"csv\"]").isDisplayed()).isTrue();
        looked("05-checked-with-problems");

        type(3, "autogenerate_title", "");
        type(5, "due_date", "2026-12-01");
        type(6, "quantity", "3");
        assertThat(browser.find("#import").isEnabled()).as("edits not checked yet").isFalse();
        looked("06-cells-edited");
        checkAgain();
        assertThat(shown("failed")).isEqualTo(5);
        assertThat(failedRows()).as("fixed rows leave the table").containsExactly(4L, 7L, 8L, 9L, 10L);
        assertThat(cell(5 + 2, "revision").getDomProperty("value")).isEmpty();

        type(4, "procedure_title", "");
        type(4, "procedure_version", "");
        type(4, "procedure_id", "3");
        type(7, "revision", "A");
        type(8, "revision", "");
        type(9, "assigned_to", "ada@example.com");
        type(10, "intent_option", "Engineering");
        type(10, "export_controlled", "no");
        checkAgain();
        assertThat(shown("ok")).isEqualTo(8);
        assertThat(failedRows()).containsExactly(10L);
        assertThat(browser.find("#import-note").getText()).isEqualTo("Imports the 8 rows that pass; 1 row with"
                + " problems will be left out.");
        looked("07-checked-again");

        long before = count("SELECT COUNT(*) FROM runs");
        browser.find("#import").click();
        browser.until(d -> !d.findElements(By.cssSelector("[data-count=\"created\"]")).isEmpty());
        assertThat(shown("created")).isEqualTo(8);
        assertThat(shown("updated")).isZero();
        assertThat(count("SELECT COUNT(*) FROM runs") - before).isEqualTo(8);
        assertThat(count("SELECT COUNT(*) FROM runs WHERE title = 'Bad date' AND due_date = DATE '2026-12-01'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM runs WHERE title = 'Ambiguous procedure' AND procedure_id = 3"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM runs WHERE title = 'Unknown option'")).as("left out").isZero();
        looked("08-imported");
    }

    @Test
    void c_hostileCellTextIsShownAsText() throws Exception {
        signIn();
        Path file = dir.resolve("hostile.csv");
        Files.writeString(file, "title,quantity,due_date\n\"<img src=x onerror=alert(1)>\",-1,\"<script>alert(2)</script>\"\n");
        choose("ion-runs", file);
        assertThat(cell(2, "title").getDomProperty("value")).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(cell(2, "due_date").getDomProperty("value")).isEqualTo("<script>alert(2)</script>");
        assertThat(browser.all("img")).isEmpty();
        assertThat(browser.script("return document.querySelectorAll('main script').length")).isEqualTo(0L);
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("an alert opened");
        } catch (NoAlertPresentException expected) {
            // the text stayed text
        }
        assertThat(browser.find("[id=\"" + cell(2, "due_date").getDomAttribute("aria-describedby") + "\"]").getText())
                .contains("<script>alert(2)</script>");
        looked("09-hostile-text");
    }
}
