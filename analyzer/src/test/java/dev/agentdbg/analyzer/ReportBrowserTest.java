package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the demo's HTML report from disk in a real headless Chromium (Debian's chromium and chromium-driver, driven
 * by Selenium) and uses it as a person would: it loads cleanly, draws the spans, shows an llm call's details,
 * filters and zooms. Leaves a screenshot in target/.
 */
class ReportBrowserTest {

    /** Debian's paths; AGENTDBG_CHROMIUM and AGENTDBG_CHROMEDRIVER name others. */
    private static final String CHROMIUM = env("AGENTDBG_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("AGENTDBG_CHROMEDRIVER", "/usr/bin/chromedriver");

    private static WebDriver driver;
    private static Path page;

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @BeforeAll
    static void start() throws Exception {
        // CI installs both (see .ci/run): a missing browser must fail the build, not skip the only test of the page.
        for (String exe : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(exe))) {
                fail(exe + " not found: the HTML report is tested in headless Chromium; install it with "
                        + "'apt-get update && apt-get install -y chromium chromium-driver' (.ci/run does)");
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "report-test"));
        page = dir.resolve("demo-report.html").toAbsolutePath();
        Cli.Result r = Cli.run("report", BundleCommandTest.demo().toString(), "-o", page.toString());
        assertEquals(0, r.exitCode(), r.err());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,900", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void open() {
        driver.get(page.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "true".equals(
                d.findElement(By.id("app")).getDomAttribute("data-ready")));
    }

    private static List<WebElement> spanRows() {
        return driver.findElements(By.cssSelector("#rows .r-span"));
    }

    @Test
    void loadsWithoutConsoleErrorsAndDrawsTheDemosSpans() throws Exception {
        List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console: " + problems);

        // The demo run: 26 spans in 2 traces, every one drawn with a bar, the failed web_search marked.
        assertEquals(26, spanRows().size());
        assertEquals(26, driver.findElements(By.cssSelector("#rows .r-span .bar")).size());
        assertEquals(2, driver.findElements(By.cssSelector("#rows .r-trace")).size());
        assertEquals("26", driver.findElement(By.id("f-count")).getDomAttribute("data-total"));
        List<WebElement> failed = driver.findElements(By.cssSelector("#rows .r-span[data-status=error]"));
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).getText().contains("IOException"), failed.get(0).getText());
        // Work handed to the tool pools shows where it came from.
        assertFalse(driver.findElements(By.cssSelector("#rows .r-span .b-handover")).isEmpty());
        assertTrue(driver.findElement(By.id("run-stats")).getText().contains("7 LLM calls"));

        screenshot("report-screenshot.png");
    }

    /** Keeps what the browser shows as a test artifact in target/. */
    private static Path screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void clickOnAnLlmSpanShowsItsModelAndTokens() throws Exception {
        WebElement llm = driver.findElement(By.cssSelector("#rows .r-span[data-kind=llm]"));
        llm.findElement(By.cssSelector(".name")).click();
        WebElement details = driver.findElement(By.id("details"));
        assertTrue(details.isDisplayed());
        String text = details.getText();
        // The first LLM call of the demo: gpt-4o, 339 tokens in, 45 out.
        assertTrue(text.contains("OpenAiClient.complete"), text);
        assertTrue(text.contains("model gpt-4o"), text);
        assertTrue(text.contains("input tokens 339"), text);
        assertTrue(text.contains("output tokens 45"), text);
        // Its captured request, as pretty JSON with the capture's type markers kept.
        assertTrue(text.contains("\"@type\": \"com.acme.research.llm.ChatRequest\""), text);
        Path shot = screenshot("report-details-screenshot.png");
        String docs = System.getProperty("agentdbg.report.screenshot");
        if (docs != null) {
            // Refreshes the README's picture: -Dagentdbg.report.screenshot=$PWD/docs/report-screenshot.png
            Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
        }
        // The system prompt is longer than 240 characters: folded to its start until asked for.
        String end = "cite the numbers you used.";
        assertFalse(text.contains(end), text);
        details.findElement(By.cssSelector(".j-fold")).click();
        assertTrue(details.getText().contains(end), details.getText());
        // The rows are drawn anew on every change, so the highlighted one is looked up again.
        WebElement selected = driver.findElement(By.cssSelector("#rows .r-span.sel"));
        assertEquals("llm", selected.getDomAttribute("data-kind"), "the clicked row is highlighted");
    }

    @Test
    void filtersHideSpans() {
        WebElement search = driver.findElement(By.id("f-search"));
        search.sendKeys("calculator");
        int shown = Integer.parseInt(driver.findElement(By.id("f-count")).getDomAttribute("data-shown"));
        // Two ToolExecutor.execute and two CalculatorTool.run calls are named after the calculator tool.
        assertEquals(4, shown);
        assertTrue(spanRows().size() < 26, "rows: " + spanRows().size());
        for (WebElement row : driver.findElements(By.cssSelector("#rows .r-span:not(.dim)"))) {
            assertTrue(row.getText().contains("calculator"), row.getText());
        }
        search.clear();
        search.sendKeys(" ");
        search.clear();
        driver.findElement(By.cssSelector("#f-kinds input[value=llm]")).click();
        for (WebElement row : driver.findElements(By.cssSelector("#rows .r-span:not(.dim)"))) {
            assertEquals("llm", row.getDomAttribute("data-kind"));
        }
        assertEquals("7", driver.findElement(By.id("f-count")).getDomAttribute("data-shown"));
        new Select(driver.findElement(By.id("f-status"))).selectByValue("error");
        assertEquals("0", driver.findElement(By.id("f-count")).getDomAttribute("data-shown"));
        assertTrue(spanRows().isEmpty());
    }

    @Test
    void aTraceCollapsesAndExpands() {
        driver.findElement(By.cssSelector("#rows .r-trace .twisty")).click();
        // The first trace's 14 spans are folded away; the second's 12 stay.
        assertEquals(12, spanRows().size());
        driver.findElement(By.cssSelector("#rows .r-trace .twisty")).click();
        assertEquals(26, spanRows().size());
        // A span's subtree: the first PlannerAgent.run holds everything of its thread.
        driver.findElement(By.cssSelector("#rows .r-span[data-kind=agent] .twisty")).click();
        assertTrue(spanRows().size() < 26, "rows: " + spanRows().size());
        driver.findElement(By.id("c-expand")).click();
        assertEquals(26, spanRows().size());
    }

    @Test
    void aCallStillRunningAtTheEndIsDrawnToTheEndOfTheRun() throws Exception {
        Path trace = new TraceBuilder().run("r1").method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Llm", "call", "llm", "llm")
                .start(1, 1, 0, 1, 0)
                .span(1, 2, 1, 2, 1_000_000, 2_000_000)
                .rotationStats(50_000_000, 1)
                .writeTo(Path.of("target", "report-test", "killed.jsonl"));
        Path killed = trace.resolveSibling("killed.html").toAbsolutePath();
        assertEquals(0, Cli.run("report", trace.toString(), "-o", killed.toString()).exitCode());
        driver.get(killed.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "true".equals(
                d.findElement(By.id("app")).getDomAttribute("data-ready")));
        WebElement row = driver.findElement(By.cssSelector("#rows .r-span[data-status=running]"));
        assertTrue(row.getText().contains("running at end"), row.getText());
        WebElement track = row.findElement(By.cssSelector(".track"));
        WebElement bar = row.findElement(By.cssSelector(".bar.running"));
        int barEnd = bar.getRect().getX() + bar.getRect().getWidth();
        int trackEnd = track.getRect().getX() + track.getSize().getWidth();
        // The whole run is in view, and the call lasted until its end: the bar reaches the track's right edge.
        assertTrue(Math.abs(trackEnd - barEnd) < 20, "bar ends at " + barEnd + ", track at " + trackEnd);
    }

    @Test
    void spansFedLaterAreDrawnAsALiveFeedWouldSendThem() {
        // The live debugger will feed the same UI: a snapshot first, then more spans as they end.
        ((JavascriptExecutor) driver).executeScript("const doc = JSON.parse("
                + "document.getElementById('agentdbg-data').textContent);"
                + "const all = doc.spans; doc.spans = all.slice(0, 10);"
                + "window.agentdbgApp.onEvent({type: 'snapshot', doc});"
                + "window.__rest = all.slice(10);");
        assertEquals("10", driver.findElement(By.id("f-count")).getDomAttribute("data-total"));
        ((JavascriptExecutor) driver).executeScript(
                "window.agentdbgApp.onEvent({type: 'spans', spans: window.__rest})");
        assertEquals("26", driver.findElement(By.id("f-count")).getDomAttribute("data-total"));
        assertEquals(26, spanRows().size());
    }

    @Test
    void theNamesColumnWidens() {
        int before = driver.findElement(By.cssSelector("#rows .r-span .label")).getSize().getWidth();
        new Actions(driver).clickAndHold(driver.findElement(By.cssSelector("#axis .splitter"))).moveByOffset(100, 0)
                .release().perform();
        int after = driver.findElement(By.cssSelector("#rows .r-span .label")).getSize().getWidth();
        assertEquals(before + 100, after, 2);
    }

    @Test
    void zoomChangesTheVisibleRange() {
        WebElement timeline = driver.findElement(By.id("timeline"));
        long start = Long.parseLong(timeline.getDomAttribute("data-view-start"));
        long end = Long.parseLong(timeline.getDomAttribute("data-view-end"));
        String label = driver.findElement(By.id("range")).getText();
        driver.findElement(By.id("z-in")).click();
        long start2 = Long.parseLong(timeline.getDomAttribute("data-view-start"));
        long end2 = Long.parseLong(timeline.getDomAttribute("data-view-end"));
        assertEquals((end - start) / 2.0, end2 - start2, 2.0, "zoom in halves the range");
        assertFalse(label.equals(driver.findElement(By.id("range")).getText()));
        // Panning moves the range, fit shows the whole run again.
        ((JavascriptExecutor) driver).executeScript("document.getElementById('timeline').focus()");
        timeline.sendKeys("d");
        assertTrue(Long.parseLong(timeline.getDomAttribute("data-view-start")) > start2);
        driver.findElement(By.id("z-fit")).click();
        assertEquals(start, Long.parseLong(timeline.getDomAttribute("data-view-start")));
        assertEquals(end, Long.parseLong(timeline.getDomAttribute("data-view-end")));
        // Dragging across the axis zooms to the range dragged over: 200 px of the track's width.
        WebElement axis = driver.findElement(By.id("axis"));
        new Actions(driver).moveToElement(axis, 50, 0).clickAndHold().moveByOffset(200, 0).release().perform();
        long start3 = Long.parseLong(timeline.getDomAttribute("data-view-start"));
        long end3 = Long.parseLong(timeline.getDomAttribute("data-view-end"));
        assertTrue(start3 > start && end3 < end, start3 + ".." + end3);
    }
}
