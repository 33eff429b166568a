package io.slaflow.testsupport;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Debian chromium driven by Playwright; Playwright never downloads a browser of its own. When it closes, each
 * page it opened leaves its last view in {@code target/browser/}, so a test that failed shows what the browser showed.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;
  /** Numbers the browsers of a test JVM, so that a second test of a class does not overwrite the first one's view. */
  private static final AtomicInteger OPENED = new AtomicInteger();

  private final String owner = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass()
      .getSimpleName() + "-" + OPENED.incrementAndGet();
  private final List<Page> pages = new ArrayList<>();

  public Browser() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
  }

  public Page newPage() {
    return opened(browser.newPage(window()));
  }

  /** A page on the computer of someone in {@code zone}: dates show on their wall clock, in US English. */
  public Page newPage(ZoneId zone) {
    return opened(browser.newPage(window().setTimezoneId(zone.getId()).setLocale("en-US")));
  }

  private Page opened(Page page) {
    // Every step waits for what it needs (a selector, a response); the ceiling is for a busy 2-core CI machine,
    // where Tasklist's first load alone has taken 30 s, Playwright's default.
    page.setDefaultTimeout(90_000);
    pages.add(page);
    return page;
  }

  /**
   * Types a user and password into the login form that Tasklist and Cockpit share, and clicks nothing. The form
   * focuses the user field by itself once Angular has drawn it; when that comes between Playwright's focusing the
   * password field and its typing, the password lands in the user field ("ben.kellertest-demo-secret") and the login
   * never happens. So both fields are filled until both hold what they should.
   */
  public static void typeLogin(Page page, String user, String password) {
    Locator name = page.locator("input[type=text]").first();
    Locator secret = page.locator("input[type=password]");
    for (int attempt = 1; !user.equals(name.inputValue()) || !password.equals(secret.inputValue()); attempt++) {
      if (attempt > 3) {
        throw new AssertionError("The login form kept losing what was typed for " + user);
      }
      name.fill(user);
      secret.fill(password);
    }
  }

  private static com.microsoft.playwright.Browser.NewPageOptions window() {
    return new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1400, 900);
  }

  @Override
  public void close() {
    for (int i = 0; i < pages.size(); i++) {
      Page page = pages.get(i);
      if (!page.isClosed()) {
        try {
          page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
              .setPath(Path.of("target", "browser", owner + "-page" + (i + 1) + "-last.png")));
        } catch (RuntimeException e) {
          // a page that cannot be drawn any more has nothing to show
        }
      }
    }
    browser.close();
    playwright.close();
  }
}
