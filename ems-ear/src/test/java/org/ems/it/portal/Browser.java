package org.ems.it.portal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through Debian's chromedriver (never a downloaded browser or
 * driver: Selenium Manager is not used because both paths are given). Saves a screenshot of each
 * page the test names under {@code target/portal-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("ems.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("ems.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    private final ChromeDriver driver;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The test server's certificate is self-signed (generated on its first start).
        options.addArguments("--headless=new", "--no-sandbox", "--ignore-certificate-errors", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=1200,900");
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    void open(String path) {
        driver.get(PortalHttp.HTTPS + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(PortalHttp.HTTPS) ? url.substring(PortalHttp.HTTPS.length()) : url;
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void type(String id, String text) {
        WebElement field = element(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks a button that submits its form, and waits until the next page has loaded. */
    void click(String id) {
        WebElement page = driver.findElement(By.tagName("html"));
        element(id).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!isStale(page)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new page 30 s after clicking " + id);
            }
            pause();
        }
        while (!"complete".equals(driver.executeScript("return document.readyState"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("page not loaded 30 s after clicking " + id);
            }
            pause();
        }
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            // Chromium sometimes reports a node of the page being replaced this way instead of as stale.
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ticks the checkbox with this value (a Faces selectManyCheckbox renders one input per item). */
    void tick(String value) {
        WebElement box = driver.findElement(By.xpath("//input[@type='checkbox' and @value='" + value + "']"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** Chooses a file for a file input (the browser reads it from this machine's disk). */
    void upload(String id, Path file) {
        element(id).sendKeys(file.toAbsolutePath().toString());
    }

    String cookie(String name) {
        Cookie cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** Every cookie the browser holds for the server, as a request header: what a cross-site request would carry. */
    java.util.Map<String, String> cookies() {
        String header = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        return java.util.Map.of("Cookie", header);
    }

    /** The page's Faces view state (the hidden field every Faces form carries). */
    String viewState() {
        return driver.findElement(By.name("jakarta.faces.ViewState")).getAttribute("value");
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
