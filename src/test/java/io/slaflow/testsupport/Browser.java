package io.slaflow.testsupport;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Headless Debian chromium driven by Playwright; Playwright never downloads a browser of its own. */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  public Browser() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
  }

  public Page newPage() {
    return browser.newPage(window());
  }

  /** A page on the computer of someone in {@code zone}: dates show on their wall clock, in US English. */
  public Page newPage(ZoneId zone) {
    return browser.newPage(window().setTimezoneId(zone.getId()).setLocale("en-US"));
  }

  private static com.microsoft.playwright.Browser.NewPageOptions window() {
    return new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1400, 900);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
