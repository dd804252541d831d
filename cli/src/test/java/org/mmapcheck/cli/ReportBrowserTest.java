package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.cli.MmapCheckTest.Run;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The report as a person meets it: headless Chromium (Debian's chromium and chromium-driver
 * packages) loads the page, the test sorts and filters as a reader would, and a screenshot is kept
 * in {@code cli/target/report-screenshots/}. Skipped, loudly, where Chromium is not installed.
 */
class ReportBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/report-screenshots");

  private static ChromeDriver browser;

  /** Selenium warns that it has no CDP binding for this Chromium; the test needs none. Held, as loggers are weak. */
  private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

  @TempDir static Path dir;

  @BeforeAll
  static void startChromium() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "SKIPPED browser test of the report: needs " + CHROMIUM + " and " + CHROMEDRIVER
          + " (apt-get install -y chromium chromium-driver)";
      System.err.println(why);
      Assumptions.abort(why);
    }
    SELENIUM.setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) browser.quit();
  }

  private static Path report(String name, String... args) {
    Path page = dir.resolve(name + ".html");
    List<String> all = new ArrayList<>(List.of("report", "-q", "-o", page.toString()));
    all.addAll(List.of(args));
    Run r = MmapCheckTest.run(all.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return page;
  }

  /** Loads the page and checks that it fetched nothing but itself and logged no error. */
  private static void load(Path page) throws IOException {
    browser.manage().logs().get(LogType.PERFORMANCE); // drop what came before
    String url = page.toUri().toString();
    browser.get(url);
    ObjectMapper json = new ObjectMapper();
    int requests = 0;
    for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = json.readTree(e.getMessage()).path("message");
      if (message.path("method").asText().equals("Network.requestWillBeSent")) {
        String requested = message.path("params").path("request").path("url").asText();
        assertEquals(url, requested, "the page fetched " + requested);
        requests++;
      }
    }
    assertEquals(1, requests, "the log shows the page's own request, and no other");
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER))
      assertTrue(e.getLevel().intValue() < Level.SEVERE.intValue(), "browser console: " + e.getMessage());
    assertEquals(0L, browser.executeScript("return performance.getEntriesByType('resource').length"));
  }

  private static List<String> shownExporters() {
    List<String> out = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector("#matrix-table tbody tr.exporter")))
      if (row.isDisplayed()) out.add(row.getAttribute("data-name"));
    return out;
  }

  private static long shownFindings() {
    return browser.findElements(By.cssSelector("details.finding")).stream().filter(WebElement::isDisplayed).count();
  }

  /** A screenshot with the section {@code id} at the top of the window. */
  private static void screenshot(String name, String id) throws IOException {
    browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    screenshot(name);
    browser.executeScript("window.scrollTo(0, 0)");
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Path kept = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
    System.err.println("report screenshot: " + kept.toAbsolutePath());
  }

  @Test
  void sampleReportSortsFiltersAndShowsEverything() throws IOException {
    load(report("sample", ReportCommandTest.SAMPLE));
    screenshot("sample-top");
    screenshot("sample-findings", "findings");

    JsonNode scan = new ObjectMapper().readTree(MmapCheckTest.run("scan", "-q", "--format", "json", "--fail-on", "never", ReportCommandTest.SAMPLE).out());
    Set<String> inventory = new HashSet<>();
    for (JsonNode e : new ObjectMapper().readTree(MmapCheckTest.run("inventory", "-q", ReportCommandTest.SAMPLE).out()))
      inventory.add(e.path("id").asText().replaceAll(".*:", ""));
    assertEquals(inventory, new HashSet<>(shownExporters()));
    assertEquals(scan.path("findings").size(), shownFindings());

    // Sorting: the Findings column, worst first, then the other way; by name, A to Z.
    WebElement byCount = browser.findElement(By.xpath("//thead//button[text()='Findings']"));
    byCount.click();
    assertEquals("toy_prime_ops", shownExporters().get(0));
    assertEquals("descending", byCount.findElement(By.xpath("..")).getAttribute("aria-sort"));
    // The keyboard does what the mouse does: Enter on the focused button reverses the order.
    byCount.sendKeys(Keys.ENTER);
    assertEquals("ascending", byCount.findElement(By.xpath("..")).getAttribute("aria-sort"));
    assertEquals("toy_prime_ops", shownExporters().get(shownExporters().size() - 1));
    browser.findElement(By.xpath("//thead//button[text()='Exporter']")).click();
    List<String> names = shownExporters();
    assertEquals(names.stream().sorted().toList(), names);

    // Filtering: by level, by subsystem, by rule; reset shows everything again.
    new Select(browser.findElement(By.id("f-level"))).selectByValue("error");
    assertEquals(List.of("toy_prime_ops"), shownExporters());
    assertEquals(1, shownFindings());
    assertEquals("1 of 7 exporters, 1 of 8 findings shown", browser.findElement(By.id("f-status")).getText());
    browser.findElement(By.id("f-reset")).click();
    new Select(browser.findElement(By.id("f-subsystem"))).selectByValue("drivers/misc");
    assertEquals(Set.of("toy_cam_ops", "toy_dsp_ops", "toy_npu_ops"), new HashSet<>(shownExporters()));
    assertEquals(3, shownFindings());
    new Select(browser.findElement(By.id("f-rule"))).selectByValue("dmabuf/pgoff-ignored");
    assertEquals(List.of("toy_cam_ops"), shownExporters());
    assertEquals(1, shownFindings());
    screenshot("sample-filtered");
    browser.findElement(By.id("f-reset")).click();
    assertEquals(7, shownExporters().size());
    assertEquals(8, shownFindings());
  }

  @Test
  void markupInTheSourceRunsNothing() throws IOException {
    load(report("markup", ReportCommandTest.MARKUP));
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    assertEquals(0, browser.findElements(By.cssSelector("img, b")).size());
    assertTrue(browser.findElement(By.cssSelector("pre.excerpt")).getText().contains("<img src=x onerror=alert(1)>"));
    assertEquals(List.of("markup_ops"), shownExporters());
  }

  /**
   * The whole Debian 6.12 tree, where {@code MMAPCHECK_KERNELS} holds it: the page shows every
   * exporter and every finding of the reviewed ruling baseline.
   */
  @Test
  void kernelReportShowsEveryExporterAndFinding() throws IOException {
    String name = "linux-source-6.12";
    String kernels = System.getProperty("mmapcheck.kernels", System.getenv("MMAPCHECK_KERNELS"));
    Path tree = kernels == null ? null : Path.of(kernels, name);
    if (tree == null || !Files.isDirectory(tree)) {
      String why = "SKIPPED browser test of the " + name + " report: set MMAPCHECK_KERNELS to a directory holding " + name + "/";
      System.err.println(why);
      Assumptions.abort(why);
    }
    List<String> inventory = Files.readAllLines(RulingBaselines.ROOT.resolve(name).resolve("inventory.tsv"));
    List<String[]> findings = RulingBaselines.findings(name);
    load(report(name, tree.toString()));
    screenshot(name + "-top");
    screenshot(name + "-counts", "counts");
    screenshot(name + "-findings", "findings");
    Set<String> exporters = new HashSet<>();
    for (String row : inventory.subList(1, inventory.size())) exporters.add(row.split("\t")[0].replaceAll(".*:", ""));
    assertEquals(21, exporters.size());
    assertEquals(exporters, new HashSet<>(shownExporters()));
    assertEquals(findings.size(), shownFindings());
    List<String> places = new ArrayList<>();
    for (WebElement f : browser.findElements(By.cssSelector("details.finding summary code")))
      places.add(f.getText().replaceAll(":\\d+$", ""));
    for (String[] cells : findings) assertTrue(places.contains(cells[0] + ":" + cells[1]), String.join("\t", cells));
  }
}
