package io.linkscout.api.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import io.linkscout.api.ApiFixture;
import io.linkscout.api.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real headless Chromium (Selenium, {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver};
 * CI installs them, so their absence fails the test), against the application served from the {@link WebUiFixture}
 * index and the real PostgreSQL of the test profile. Every page is written to {@code target/screenshots/} on every
 * run, and the page at hand on a failure. Waits are explicit (no sleeps).
 */
@QuarkusTest
@TestProfile(WebUiFixture.Profile.class)
class WebUiBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();
    static final Duration WAIT = Duration.ofSeconds(60);

    static WebDriver driver;
    static ChromeDriverService service;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource ds;

    /** On a failure: a screenshot of the page the browser is on. */
    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver != null) {
                shot("FAILED-" + context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_"));
            }
        }
    };

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them). Not skipped: "
                    + "the web app must be tested.");
        }
        Files.createDirectories(SHOTS);
        Files.createDirectories(DOWNLOADS);
        try (Stream<Path> s = Stream.concat(Files.list(DOWNLOADS), Files.list(SHOTS))) {
            for (Path p : s.toList()) {
                Files.delete(p); // this run's screenshots and downloads only
            }
        }
        // an explicit driver: Selenium Manager is never asked to find or download one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toString());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("linkscout-chromium"));
        o.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        driver = new ChromeDriver(service, o);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void emptyOutreachTables() throws SQLException {
        TestAuth.asDefaultUser();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate table prospect_status_change, prospect, exclusion, campaign restart identity cascade");
        }
    }

    /**
     * The login step: a real editor (created in the test database with {@link TestAuth}) logs in on /login, and the
     * header shows who is logged in. Every later page and API call of the browser carries the session cookie.
     */
    void signIn() {
        TestAuth.token("lena", "editor");
        open("/campaigns");
        waitUntil(d -> d.getCurrentUrl().contains("/login"));
        shot("00-login");
        driver.findElement(By.name("j_username")).sendKeys("lena");
        driver.findElement(By.name("j_password")).sendKeys(TestAuth.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
        waitUntil(d -> d.findElement(By.id("user-area")).isDisplayed()
                && d.findElement(By.id("user-name")).getText().startsWith("lena"));
    }

    @Test
    void recommendToCampaignToHistoryToCsvToSiteToLinkIntersect() throws Exception {
        signIn();

        // 1. home: the example is one click away; then paste the draft (the fixture's article) and rank sites
        open("/");
        wait(ExpectedConditions.elementToBeClickable(By.id("load-example"))).click();
        waitUntil(d -> value("content").startsWith("# From cargo new"));
        assertTrue(value("title").startsWith("From cargo new to a First Release"), value("title"));
        shot("01-recommend-form");
        paste("content", ApiFixture.ARTICLE);
        driver.findElement(By.id("title")).clear();
        driver.findElement(By.cssSelector("label[for=unit-site]")).click();
        // the content's date as its dated address: the API reads the date from it and the page says what it read
        driver.findElement(By.id("published")).sendKeys("https://seaforest.blog/2021/03/04/kelp-atlas/");
        driver.findElement(By.id("run")).click();
        waitUntil(d -> d.findElements(By.cssSelector("#results tr.result")).size() >= 3);
        assertTrue(driver.findElement(By.id("results-meta")).getText().contains("published 2021-03-04"),
                driver.findElement(By.id("results-meta")).getText());
        assertFalse(driver.findElements(By.cssSelector("#topics li")).isEmpty(), "the content's topics are shown");
        List<WebElement> rows = driver.findElements(By.cssSelector("#results tr.result"));

        // the why card of the first result: matched topics, the sentence naming the content, authority and spam
        rows.get(0).findElement(By.cssSelector("button.why-toggle")).click();
        WebElement why = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.why-row:not([hidden])")));
        waitUntil(d -> !why.findElements(By.cssSelector(".why-site dl")).isEmpty());
        String card = why.getDomProperty("textContent");
        assertTrue(card.contains("Matched topics"), card);
        assertTrue(why.findElements(By.cssSelector("blockquote.mention")).stream()
                .anyMatch(b -> b.getText().contains("The Kelp Forest Atlas")), "the sentence naming the content");
        assertTrue(card.contains("Spam score"), card);
        waitUntil(d -> why.getDomProperty("textContent").contains("editor@seaforest.blog")
                || !why.findElements(By.cssSelector(".why-contacts ul")).isEmpty()
                || why.getDomProperty("textContent").contains("No contacts found"));
        shot("02-recommend-results");

        // the list as CSV, written in the browser (RFC 4180, with a byte-order mark)
        driver.findElement(By.id("export-csv")).click();
        List<CSVRecord> listed = csv(DOWNLOADS.resolve("linkscout-recommendations.csv"));
        assertEquals(rows.size(), listed.size());
        assertEquals(rows.get(0).findElement(By.cssSelector("a.result-title")).getDomAttribute("href"),
                listed.get(0).get("url"));
        assertTrue(listed.get(0).get("evidence").contains("The Kelp Forest Atlas"), listed.get(0).get("evidence"));

        // 2. three results to a new campaign
        for (int i = 0; i < 3; i++) {
            rows.get(i).findElement(By.cssSelector("input.pick")).click();
        }
        new Select(driver.findElement(By.id("campaign-select"))).selectByValue("new");
        driver.findElement(By.id("new-campaign-name")).sendKeys("Kelp outreach");
        driver.findElement(By.id("new-campaign-target")).sendKeys("kelpatlas.org");
        driver.findElement(By.id("add-to-campaign")).click();
        WebElement link = wait(ExpectedConditions.elementToBeClickable(By.id("campaign-link")));
        assertTrue(driver.findElement(By.id("campaign-result")).getText().startsWith("3 added"),
                driver.findElement(By.id("campaign-result")).getText());
        link.click();

        // 3. the campaign: three prospects; change one status, as the logged-in user (shown, not editable)
        waitUntil(d -> d.findElements(By.cssSelector("#prospects tr.prospect")).size() == 3);
        WebElement by = driver.findElement(By.id("changed-by"));
        waitUntil(d -> "lena".equals(by.getDomProperty("value")));
        assertEquals("true", by.getDomProperty("readOnly"));
        WebElement first = driver.findElements(By.cssSelector("#prospects tr.prospect")).get(0);
        String prospectId = first.getDomAttribute("data-id");
        String domain = first.findElement(By.cssSelector("td:nth-child(2) a")).getText();
        new Select(first.findElement(By.cssSelector("select.status-select"))).selectByValue("QUALIFIED");
        first.findElement(By.cssSelector("button.move-status")).click();
        waitUntil(d -> row(prospectId).findElement(By.cssSelector(".prospect-status")).getText().equals("QUALIFIED"));

        // the history: created (NEW), then NEW -> QUALIFIED by lena (the authenticated user)
        row(prospectId).findElement(By.cssSelector("button.open-prospect")).click();
        waitUntil(d -> d.findElements(By.cssSelector("#history tbody tr")).size() == 2);
        List<WebElement> history = driver.findElements(By.cssSelector("#history tbody tr"));
        assertEquals(List.of("lena", "NEW", "QUALIFIED"), history.get(1).findElements(By.tagName("td")).stream()
                .skip(1).map(WebElement::getText).toList());
        assertEquals("NEW", history.get(0).findElements(By.tagName("td")).get(3).getText());

        // a stale status change: someone else rejected it since the page was read; refused, the row shows REJECTED
        String other = driver.findElements(By.cssSelector("#prospects tr.prospect")).stream()
                .map(r -> r.getDomAttribute("data-id")).filter(i -> !i.equals(prospectId)).findFirst().orElseThrow();
        given().contentType(ContentType.JSON).body(Map.of("status", "REJECTED", "version", 0))
                .post("/api/prospects/" + other + "/status").then().statusCode(200);
        new Select(row(other).findElement(By.cssSelector("select.status-select"))).selectByValue("QUALIFIED");
        row(other).findElement(By.cssSelector("button.move-status")).click();
        waitUntil(d -> d.findElement(By.id("action-result")).getText().contains("changed by someone else"));
        waitUntil(d -> row(other).findElement(By.cssSelector(".prospect-status")).getText().equals("REJECTED"));
        given().contentType(ContentType.JSON).body(Map.of("status", "NEW", "version", 1))
                .post("/api/prospects/" + other + "/status").then().statusCode(200);
        open("/campaigns/1");
        waitUntil(d -> d.findElements(By.cssSelector("#prospects .badge.st-NEW")).size() == 2);

        // bulk: the two others to QUALIFIED; then a move the status machine forbids, refused with the API's reason
        for (WebElement r : driver.findElements(By.cssSelector("#prospects tr.prospect"))) {
            if (!prospectId.equals(r.getDomAttribute("data-id"))) {
                r.findElement(By.cssSelector("input.pick")).click();
            }
        }
        new Select(driver.findElement(By.id("bulk-status"))).selectByVisibleText("QUALIFIED");
        driver.findElement(By.id("bulk-apply")).click();
        waitUntil(d -> d.findElement(By.id("action-result")).getText().startsWith("2 moved to QUALIFIED"));
        waitUntil(d -> d.findElements(By.cssSelector("#prospects .badge.st-QUALIFIED")).size() == 3);
        row(prospectId).findElement(By.cssSelector("input.pick")).click();
        new Select(driver.findElement(By.id("bulk-status"))).selectByVisibleText("WON");
        driver.findElement(By.id("bulk-apply")).click();
        waitUntil(d -> d.findElement(By.id("action-result")).getText().startsWith("0 moved to WON"));
        assertTrue(driver.findElement(By.id("action-result")).getText().contains("cannot move from QUALIFIED to WON:"
                + " allowed next statuses from QUALIFIED are"), driver.findElement(By.id("action-result")).getText());

        row(prospectId).findElement(By.cssSelector("button.open-prospect")).click();
        waitUntil(d -> d.findElements(By.cssSelector("#history tbody tr")).size() == 2);

        // a stale edit: someone else saves the notes first; ours is refused (409) and shows their current value
        long version = given().get("/api/prospects/" + prospectId).then().statusCode(200).extract().jsonPath()
                .getLong("version");
        given().contentType(ContentType.JSON).body(Map.of("notes", "Emailed the editor (Maria)", "version", version))
                .patch("/api/prospects/" + prospectId).then().statusCode(200);
        paste("notes", "Found the editor on Mastodon");
        driver.findElement(By.id("save-notes")).click();
        WebElement conflict = wait(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        assertTrue(conflict.getText().contains("409"), conflict.getText());
        assertEquals("Emailed the editor (Maria)", conflict.findElement(By.cssSelector("pre.current-value")).getText());
        assertEquals("Found the editor on Mastodon", value("notes"), "the stale edit is not lost");
        shot("03-campaign");

        // 4. the CSV export (downloaded by the browser), parsed as RFC 4180
        driver.findElement(By.id("export-csv")).click();
        Path csv = DOWNLOADS.resolve("campaign-1-prospects.csv");
        List<CSVRecord> records = csv(csv);
        assertEquals(3, records.size());
        assertEquals(List.of("domain", "page", "score", "top_reasons", "authority", "contacts", "status", "notes"),
                records.get(0).getParser().getHeaderNames());
        CSVRecord qualified = records.stream().filter(r -> r.get("domain").equals(domain)).findFirst().orElseThrow();
        assertEquals("QUALIFIED", qualified.get("status"));
        assertEquals("Emailed the editor (Maria)", qualified.get("notes"));
        Files.copy(csv, SHOTS.resolve("campaign-export.csv"), StandardCopyOption.REPLACE_EXISTING);

        // ... and imported back: parsed in the browser, every row already in the campaign
        driver.findElement(By.id("import-csv")).sendKeys(csv.toAbsolutePath().toString());
        waitUntil(d -> d.findElement(By.id("action-result")).getText().equals("Import: 0 added, 3 skipped."));

        // 5. a site profile
        open("/sites/oceanwatch.org");
        waitUntil(d -> d.findElements(By.cssSelector("#pages tbody tr")).size() == 3);
        assertTrue(driver.findElement(By.id("flags")).getText().contains("THIN_CONTENT"));
        assertTrue(driver.findElement(By.id("referrers")).getText().contains("kelpdiver.com"));
        shot("04-site");

        // 6. link intersect: who links to oceanwatch.org and not to breadclub.net
        open("/jobs#intersect");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("competitor-1"))).sendKeys("oceanwatch.org");
        driver.findElement(By.id("i-domain")).sendKeys("breadclub.net");
        driver.findElement(By.id("run-intersect")).click();
        waitUntil(d -> !d.findElements(By.cssSelector("#panel-intersect .job-results tbody tr")).isEmpty());
        WebElement result = driver.findElement(By.cssSelector("#panel-intersect .job-results tbody tr"));
        assertTrue(result.getText().contains("kelpdiver.com"), result.getText());
        assertTrue(result.getText().contains(ApiFixture.KELP_LIST) || result.getText().contains(ApiFixture.KELP_DIVE),
                "the linking page is the evidence: " + result.getText());
        shot("05-jobs-link-intersect");

        // ... and its results sent to the campaign: marinelab.edu is new, the two others are already in it
        new Select(wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel-intersect select.send-campaign"))))
                .selectByVisibleText("Kelp outreach (kelpatlas.org)");
        driver.findElement(By.cssSelector("#panel-intersect button.send-button")).click();
        waitUntil(d -> d.findElement(By.cssSelector("#panel-intersect .send-bar + div")).getText().startsWith("1 added"));
        assertTrue(driver.findElement(By.cssSelector("#panel-intersect .send-bar + div")).getText()
                .contains("ALREADY_IN_CAMPAIGN"));

        // 7. the index, and an API error shown as the API gives it
        open("/index");
        waitUntil(d -> d.findElements(By.cssSelector("#index-stats li")).size() >= 5);
        shot("06-index");
        open("/sites/com");
        WebElement err = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#site-error .error")));
        assertTrue(err.getText().contains("\"com\" is not a domain"), err.getText());

        open("/campaigns");
        waitUntil(d -> !d.findElements(By.cssSelector("#campaigns tbody a")).isEmpty());
        shot("07-campaigns");

        // on a phone: every page fits the width (wide tables scroll inside their box)
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/");
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("run")));
            shot("08-recommend-phone");
            open("/campaigns/1");
            waitUntil(d -> d.findElements(By.cssSelector("#prospects tr.prospect")).size() == 4);
            shot("09-campaign-phone");
            open("/sites/oceanwatch.org");
            waitUntil(d -> d.findElements(By.cssSelector("#pages tbody tr")).size() == 3);
            shot("10-site-phone");
            open("/jobs");
            wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel-guest button[type=submit]")));
            shot("11-jobs-phone");
            open("/index");
            waitUntil(d -> d.findElements(By.cssSelector("#index-stats li")).size() >= 5);
            shot("12-index-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /**
     * Won links, watched: moving a prospect to WON asks for the linking page (an API refusal shows in the dialog),
     * the Won links table shows it unchecked, "Check won links now" runs the monitor against a loopback page and the
     * flag appears in the table and in the prospect's checks.
     */
    @Test
    void wonLinkIsAskedForAndWatched() throws Exception {
        try (io.linkscout.crawl.FixtureWeb web = new io.linkscout.crawl.FixtureWeb()) {
            web.page("127.0.0.1", "/post", "<html><body><a rel=\"nofollow\" href=\"https://kelpatlas.org/\">Kelp"
                    + " atlas</a></body></html>");
            long c = given().contentType(ContentType.JSON).body(Map.of("name", "Won links", "targetDomain",
                    "kelpatlas.org", "contentText", ApiFixture.ARTICLE)).post("/api/campaigns").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            String pid = given().contentType(ContentType.JSON).body(Map.of("prospects", List.of(Map.of("domain",
                    "oceanwatch.org")))).post("/api/campaigns/" + c + "/prospects").then().statusCode(200).extract()
                    .jsonPath().getString("added[0].id");
            for (String[] s : new String[][] {{"QUALIFIED", "0"}, {"CONTACTED", "1"}}) {
                given().contentType(ContentType.JSON).body(Map.of("status", s[0], "version", Long.parseLong(s[1])))
                        .post("/api/prospects/" + pid + "/status").then().statusCode(200);
            }
            driver.manage().deleteAllCookies();
            signIn();
            open("/campaigns/" + c);
            waitUntil(d -> d.findElements(By.cssSelector("#prospects tr.prospect")).size() == 1);
            waitUntil(d -> d.findElement(By.cssSelector("#won-links tbody")).getText().startsWith("No won links yet"));
            new Select(row(pid).findElement(By.cssSelector("select.status-select"))).selectByValue("WON");
            row(pid).findElement(By.cssSelector("button.move-status")).click();
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("won-dialog")));
            assertEquals("kelpatlas.org", driver.findElement(By.id("won-target")).getDomAttribute("placeholder"));
            paste("won-url", "ftp://oceanwatch.org/post");
            driver.findElement(By.id("won-save")).click();
            waitUntil(d -> d.findElement(By.id("won-error")).getText().contains("is not a usable http(s) URL"));
            paste("won-url", web.url("127.0.0.1", "/post"));
            driver.findElement(By.id("won-save")).click();
            waitUntil(d -> !d.findElement(By.id("won-dialog")).isDisplayed());
            waitUntil(d -> row(pid).findElement(By.cssSelector(".prospect-status")).getText().equals("WON"));
            waitUntil(d -> d.findElements(By.cssSelector("#won-links tr.won-link")).size() == 1
                    && d.findElement(By.cssSelector("#won-links tr.won-link")).getText().contains("not checked yet"));

            driver.findElement(By.id("check-won")).click();
            waitUntil(d -> d.findElement(By.id("won-result")).getText()
                    .equals("1 of 1 won links checked; flagged: LINK_NOFOLLOW 1."));
            waitUntil(d -> d.findElement(By.cssSelector("#won-links tr.won-link .check-flag")).getText()
                    .equals("LINK_NOFOLLOW"));
            row(pid).findElement(By.cssSelector("button.open-prospect")).click();
            waitUntil(d -> d.findElements(By.cssSelector("#checks tbody tr.check")).size() == 1);
            assertEquals("nofollow “Kelp atlas”", driver.findElement(By.cssSelector("#checks tr.check td:nth-child(4)"))
                    .getText());
            assertEquals("Won link: " + web.url("127.0.0.1", "/post") + " → kelpatlas.org",
                    driver.findElement(By.id("panel-won")).getText());
            shot("13-won-links");
        }
    }

    // ---- helpers ----

    /** Waits for the browser's download of {@code file}, checks RFC 4180 (BOM, CRLF) and parses it with its header. */
    static List<CSVRecord> csv(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".crdownload");
        waitUntil(d -> Files.exists(file) && !Files.exists(partial));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), file + ": byte-order mark");
        assertTrue(text.endsWith("\r\n"), file + ": CRLF line ends");
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
    }

    void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    static WebElement row(String prospectId) {
        return driver.findElement(By.cssSelector("#prospects tr.prospect[data-id='" + prospectId + "']"));
    }

    static String value(String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    /** Puts text into a field as a paste would (one input event). */
    static void paste(String id, String text) {
        ((JavascriptExecutor) driver).executeScript("const e = document.getElementById(arguments[0]);"
                + "e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));", id, text);
    }

    static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> c) {
        return new WebDriverWait(driver, WAIT).until(c);
    }

    static void waitUntil(java.util.function.Function<WebDriver, Boolean> c) {
        new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(c);
    }

    /** Readable without sideways scrolling: nothing is wider than the window (wide tables scroll in their box). */
    static void assertFitsTheWindow(String page) {
        Object wide = ((JavascriptExecutor) driver).executeScript("""
                const w = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= w) return '';
                return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w + 1
                    && !e.closest('.table-wrap')).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className
                    + ' right=' + Math.round(e.getBoundingClientRect().right)).join('; ') || 'scrollWidth > ' + w;
                """);
        assertEquals("", wide, page + " is wider than the window");
    }

    /** The whole page (up to 4,000 pixels high) at the window's width, as {@code target/screenshots/NAME.png}. */
    static void shot(String name) {
        if (!name.startsWith("FAILED")) {
            assertFitsTheWindow(name);
        }
        Dimension size = driver.manage().window().getSize();
        try {
            Files.createDirectories(SHOTS);
            long h = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new Dimension(size.width, (int) Math.min(4000, Math.max(h + 140,
                    size.height))));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SHOTS.resolve(name + ".png"), png);
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }
}
