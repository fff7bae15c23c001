package com.acme.it.debugger;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium driven by Selenium: Debian's chromium and chromium-driver, as the analyzer's ReportBrowserTest
 * uses them. A missing browser fails the test (it is the only test of the page), it never skips.
 */
final class Chromium {
    /** Debian's paths; AGENTDBG_CHROMIUM and AGENTDBG_CHROMEDRIVER name others. */
    private static final String CHROMIUM = env("AGENTDBG_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("AGENTDBG_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Chromium() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static WebDriver start() {
        for (String exe : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(exe))) {
                fail(exe + " not found: the live debugger's page is tested in headless Chromium; install it with "
                        + "'apt-get update && apt-get install -y chromium chromium-driver' (.ci/run does)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1500,950", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Console lines at WARNING or above (a refused script or style, a failed request, a script error). */
    static List<LogEntry> problems(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** What the browser shows now, as a PNG at {@code to}. */
    static Path screenshot(WebDriver driver, Path to) throws Exception {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
