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

    /** A count of the run the address names, once its results are all on the page. */
    private static long shown(String key) {
        String run = ready();
        return browser.until(d -> Long.parseLong(d.findElement(By.cssSelector("#results[data-run=\"" + run
                + "\"] [data-count=\"" + key + "\"]")).getText().replace(",", "")));
    }

    /** Waits until the results of the run the address names are all on the page; its id. */
    private static String ready() {
        return browser.until(d -> {
            String address = d.getCurrentUrl();
            int at = address.indexOf("#/runs/");
            if (at < 0) {
                return null;
            }
            String run = address.substring(at + "#/runs/".length());
            return d.findElements(By.cssSelector("#results[data-run=\"" + run + "\"][data-ready=\"true\"]")).isEmpty()
                    ? null : run;
        });
    }

    /**
     * Chooses a file on the importer's page and waits for its check to end. Coming from a run's
     * page, only the address's fragment changes and the page draws the importer's page after it:
     * the file input is taken once that page is drawn ("Choose a file", not a run's "Choose another
     * file"), and again should it be drawn anew meanwhile.
     */
    private static void choose(String importer, Path file) {
        browser.driver().get(at("intake/#/importers/" + importer));
        browser.until(d -> {
            try {
                if (d.findElements(By.xpath("//label[@for='file' and normalize-space()='Choose a file']")).isEmpty()) {
                    return null;
                }
                d.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return null;
            }
        });
        ready();
    }

    private static WebElement cell(long row, String column) {
        ready();
        return browser.waitFor("tr[data-row=\"" + row + "\"] td[data-column=\"" + column + "\"] input, tr[data-row=\""
                + row + "\"] td[data-column=\"" + column + "\"] textarea");
    }

    private static void type(long row, String column, String text) {
        WebElement input = cell(row, column);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }

    /** Chooses Check again and waits for the new check's results. */
    private static void checkAgain() {
        String before = browser.driver().getCurrentUrl();
        browser.driver().findElement(By.xpath("//button[normalize-space()='Check again']")).click();
        browser.until(d -> !d.getCurrentUrl().equals(before));
        ready();
    }

    /** The failed rows on screen, once the page shows them all. */
    /** Chooses Import and waits for the import's results. */
    private static void importNow() {
        String checked = browser.driver().getCurrentUrl();
        browser.find("#import").click();
        browser.until(d -> !d.getCurrentUrl().equals(checked));
        ready();
    }

    private static List<Long> failedRows() {
        ready();
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
        browser.script("document.querySelector('.actions').scrollIntoView()");
        browser.screenshot("05-failed-rows");
        browser.script("window.scrollTo(0, 0)");

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
        importNow();
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

    /** An XLSX as a person's spreadsheet program writes it: typed cells, their own header words. */
    private static Path workbook(String name, List<List<Object>> rows) throws Exception {
        Path file = dir.resolve(name);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.createSheet("Staff");
            for (int r = 0; r < rows.size(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(String.valueOf(value));
                    }
                }
            }
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        return file;
    }

    @Test
    void d_anXlsxWhoseHeaderDoesNotFitIsMappedThenFixedAndImported() throws Exception {
        signIn();
        Path file = workbook("staff.xlsx", List.of(
                List.of("Emial", "Full nme", "Departmnt", "Manager email", "Salary", "Desk"),
                List.of("joan@acme.com", "Joan Clarke", "Research", "", "5.100,00", "D-1"),
                List.of("alan(at)acme.com", "Alan Turing", "Research", "joan@acme.com", "6.300,00", "D-2"),
                List.of("tommy@acme.com", "", "research ", "joan@acme.com", "4.2OO,00", "D-3")));
        choose("employees", file);
        assertThat(browser.all("[data-file-problem]")).extracting(problem -> problem.getDomAttribute("data-file-problem"))
                .contains("UNKNOWN_COLUMN", "MISSING_COLUMN");
        assertThat(browser.find("[data-file-problem=\"MISSING_COLUMN\"]").getText()).contains("Email is missing");
        assertThat(browser.find("#import").isEnabled()).as("file problems").isFalse();
        Select email = new Select(browser.find("select[data-file-column=\"Emial\"]"));
        Select name = new Select(browser.find("select[data-file-column=\"Full nme\"]"));
        Select department = new Select(browser.find("select[data-file-column=\"Departmnt\"]"));
        assertThat(name.getFirstSelectedOption().getDomAttribute("value")).as("the suggestion").isEqualTo("full_name");
        assertThat(department.getFirstSelectedOption().getDomAttribute("value")).isEqualTo("department");
        assertThat(new Select(browser.find("select[data-file-column=\"Manager email\"]")).getFirstSelectedOption()
                .getDomAttribute("value")).isEqualTo("manager_email");
        assertThat(email.getOptions()).extracting(option -> option.getDomAttribute("value")).contains("", "email",
                "full_name");
        looked("10-mapping");
        email.selectByValue("email");
        checkAgain();
        assertThat(browser.all("[data-file-problem]")).isEmpty();
        assertThat(shown("rows")).isEqualTo(3);
        assertThat(failedRows()).containsExactly(3L, 4L);
        assertThat(cell(3, "email").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(cell(4, "full_name").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(cell(4, "salary").getDomProperty("value")).isEqualTo("4.2OO,00");
        assertThat(new Select(browser.find("select[data-file-column=\"Emial\"]")).getFirstSelectedOption()
                .getDomAttribute("value")).as("the mapping is kept").isEqualTo("email");
        looked("11-mapped-with-problems");

        type(3, "email", "alan@acme.com");
        type(4, "full_name", "Tommy Flowers");
        type(4, "salary", "4.200,00");
        checkAgain();
        assertThat(shown("failed")).isZero();
        assertThat(browser.all("table[data-rows=failed]")).isEmpty();
        assertThat(browser.find("#import-note").getText()).isEqualTo("Imports all 3 rows.");
        importNow();
        assertThat(shown("created")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM employees WHERE email IN ('joan@acme.com', 'alan@acme.com',"
                + " 'tommy@acme.com')")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM employees WHERE email = 'tommy@acme.com' AND salary = 4200.00"
                + " AND manager_id IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void e_aReloadShowsTheSameUploadItsEditsAndItsResults() throws Exception {
        signIn();
        choose("ion-runs", Path.of("samples", "ion-runs-with-errors.csv"));
        type(5, "due_date", "2026-12-01");
        checkAgain();
        String checked = browser.driver().getCurrentUrl();
        assertThat(checked).contains("#/runs/");
        type(6, "quantity", "4");
        browser.driver().navigate().refresh();
        ready();
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(checked);
        assertThat(shown("failed")).isEqualTo(7);
        assertThat(failedRows()).doesNotContain(5L);
        assertThat(cell(6, "quantity").getDomProperty("value")).as("an edit not checked yet, kept in the tab").isEqualTo("4");
        assertThat(browser.find("#import").isEnabled()).isFalse();
        looked("12-reloaded");
        checkAgain();
        assertThat(failedRows()).doesNotContain(5L, 6L);
    }

    /** The error reports of the run on screen, fetched with the browser's session. */
    private static Path download(String format) throws Exception {
        String href = browser.find("a[data-error-report=\"" + format + "\"]").getDomProperty("href");
        org.openqa.selenium.Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(href)).header("Cookie", "JSESSIONID=" + session.getValue())
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Path file = dir.resolve("errors." + format);
        Files.write(file, response.body());
        return file;
    }

    @Test
    void f_bothErrorReportsDownloadAndImportBackAsTheFileTheyReport() throws Exception {
        signIn();
        choose("ion-runs", Path.of("samples", "ion-runs-with-errors.csv"));
        type(6, "quantity", "2");
        checkAgain();
        assertThat(shown("failed")).isEqualTo(7);
        Path csv = download("csv");
        Path xlsx = download("xlsx");
        assertThat(Files.readString(csv)).as("the edits of the check applied").contains("Negative quantity,,,,,,2,");

        for (Path report : List.of(csv, xlsx)) {
            choose("ion-runs", report);
            assertThat(browser.all("[data-file-problem]")).as(report.toString()).isEmpty();
            assertThat(shown("rows")).isEqualTo(9);
            assertThat(shown("failed")).isEqualTo(7);
            assertThat(failedRows()).containsExactly(3L, 4L, 5L, 7L, 8L, 9L, 10L);
        }
        looked("13-error-report-imported-back");
    }

    @Test
    void g_theWholeFlowWorksWithTheKeyboardAlone() throws Exception {
        browser.driver().get(at("intake/"));
        browser.waitFor("input#email");
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser.driver());
        keys.sendKeys(HEIDI).sendKeys(Keys.TAB).sendKeys(HEIDI_PASSWORD).sendKeys(Keys.ENTER).perform();
        browser.waitFor("a[data-importer]");
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 10 && !"ion-runs".equals(active().getDomAttribute("data-importer")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        keys.sendKeys(Keys.ENTER).perform();
        browser.waitFor("input[type=file]");
        Path file = dir.resolve("one-mistake.csv");
        Files.writeString(file, "title,due_date,quantity\nFirst,2026-12-01,1\nSecond,2026-02-30,2\n");
        // a file chooser is the system's dialog: its choice arrives as the input's value
        browser.find("input[type=file]").sendKeys(file.toAbsolutePath().toString());
        ready();
        browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        browser.find("a.brand").sendKeys("");
        for (int i = 0; i < 40 && !"due_date".equals(parentColumn(active())); i++) {
            keys.sendKeys(Keys.TAB).perform();
            order.add(describe(active()));
        }
        assertThat(order).as("focus follows the flow: the file, then the actions, the reports, the rows").containsSubsequence(
                "input#file", "button#check-again", "button#import", "a[data-error-report=csv]",
                "a[data-error-report=xlsx]", "input#c-3-title", "input#c-3-due_date");
        keys.keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("2026-02-28").perform();
        while (!"check-again".equals(active().getDomAttribute("id"))) {
            keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        }
        String before = browser.driver().getCurrentUrl();
        keys.sendKeys(Keys.ENTER).perform();
        browser.until(d -> !d.getCurrentUrl().equals(before));
        ready();
        assertThat(shown("failed")).isZero();
        looked("14-keyboard-checked");
        browser.find("#check-again").sendKeys("");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getDomAttribute("id")).isEqualTo("import");
        String checked = browser.driver().getCurrentUrl();
        keys.sendKeys(Keys.ENTER).perform();
        browser.until(d -> !d.getCurrentUrl().equals(checked));
        ready();
        assertThat(shown("created")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM runs WHERE title = 'Second' AND due_date = DATE '2026-02-28'")).isEqualTo(1);
    }

    private static WebElement active() {
        return browser.driver().switchTo().activeElement();
    }

    private static String parentColumn(WebElement element) {
        return (String) browser.script("var td = arguments[0].closest('td'); return td ? td.getAttribute('data-column') : null;",
                element);
    }

    private static String describe(WebElement element) {
        String tag = element.getTagName().toLowerCase(java.util.Locale.ROOT);
        String id = element.getDomAttribute("id");
        String report = element.getDomAttribute("data-error-report");
        return report != null ? tag + "[data-error-report=" + report + "]" : id != null ? tag + "#" + id : tag;
    }

    @Test
    void h_twoHundredThousandRowsShowTheirProgressAndPageThroughTheirProblems() throws Exception {
        signIn();
        Path file = dir.resolve("runs-200k.csv");
        try (java.io.BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("title,due_date,quantity,description\n");
            for (int i = 1; i <= 200_000; i++) {
                // one row in a thousand with a negative quantity: 200 rows with problems, two pages of them
                out.write("Run " + i + ",2026-12-01," + (i % 1000 == 0 ? -1 : i % 50) + ",batch of the night shift\n");
            }
        }
        browser.driver().get(at("intake/#/importers/ion-runs"));
        long started = System.nanoTime();
        browser.waitFor("input[type=file]").sendKeys(file.toAbsolutePath().toString());
        WebElement progress = browser.waitFor("progress");
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        long max = 0;
        boolean looked = false;
        while (browser.all("[data-count=\"rows\"]").isEmpty()) {
            try {
                seen.add(Long.parseLong(progress.getDomProperty("value").split("\\.")[0]));
                max = Math.max(max, Long.parseLong(progress.getDomProperty("max").split("\\.")[0]));
                if (!looked && seen.size() > 1) {
                    looked = true;
                    looked("15-progress");
                }
            } catch (org.openqa.selenium.StaleElementReferenceException ended) {
                break;
            }
            Thread.sleep(100);
        }
        ready();
        long took = System.nanoTime() - started;
        System.out.println("console: 200,000 rows from choosing the file to their counts in " + took / 1_000_000 + " ms");
        assertThat(max).as("the rows counted when the file was sent").isEqualTo(200_000);
        assertThat(seen.stream().filter(value -> value > 0 && value < 200_000).count()).as("the bar moves: " + seen)
                .isGreaterThanOrEqualTo(2);
        assertThat(shown("rows")).isEqualTo(200_000);
        assertThat(shown("failed")).isEqualTo(200);
        assertThat(failedRows()).hasSize(100).startsWith(1001L, 2001L).endsWith(100_001L);
        assertThat(browser.find("table[data-rows=failed] caption").getText()).isEqualTo("Rows with problems, 1 to 100 of 200");
        browser.driver().findElement(By.xpath("//button[normalize-space()='Next page']")).click();
        browser.until(d -> failedRows().indexOf(101_001L) == 0);
        assertThat(failedRows()).hasSize(100).startsWith(101_001L).endsWith(200_001L);
        assertThat(browser.driver().findElement(By.xpath("//button[normalize-space()='Next page']")).isEnabled()).isFalse();
        looked("16-second-page");
        browser.driver().findElement(By.xpath("//button[normalize-space()='Previous page']")).click();
        browser.until(d -> failedRows().indexOf(1001L) == 0);
        assertThat(browser.all("table[data-rows=failed] tr[data-row]")).hasSize(100);
    }
}
