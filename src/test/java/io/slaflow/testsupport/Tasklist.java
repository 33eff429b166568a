package io.slaflow.testsupport;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

/** Camunda Tasklist in a browser as a rep or manager uses it: logged in, on their own computer's zone and clock. */
public final class Tasklist {

  private final Page page;
  private final String base;

  private Tasklist(Page page, int port) {
    this.page = page;
    this.base = "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  /**
   * Logs {@code user} in on a computer in {@code zone} whose clock reads {@code now}: Tasklist says "Due in 4 hours"
   * by the browser's clock, which has to agree with the engine's clock that the tests move. The clock starts at
   * {@code now} and keeps running, as a real one does.
   */
  public static Tasklist logIn(Browser browser, int port, String user, ZoneId zone, Instant now) {
    Page page = browser.newPage(zone);
    page.clock().setSystemTime(Date.from(now));
    Tasklist tasklist = new Tasklist(page, port);
    page.navigate(tasklist.base);
    Browser.typeLogin(page, user, SlaflowTest.DEMO_PASSWORD);
    page.locator("button[type=submit]").click();
    // Whichever comes first: the start page, or Tasklist's refusal (said at once, not after the wait runs out).
    Locator refused = page.locator(".alert-danger:visible");
    page.getByText("My work").first().or(refused).first().waitFor();
    if (!page.getByText("My work").first().isVisible()) {
      throw new AssertionError("Tasklist refused the login of " + user + ": " + refused.first().innerText());
    }
    return tasklist;
  }

  public Page page() {
    return page;
  }

  /** By the link the SLA emails carry; the form is there once form-js has drawn it. */
  public void openTask(String taskId) {
    page.navigate(base + "#/?task=" + taskId);
    page.locator(".fjs-form").waitFor();
  }

  /** Shows one of the open task's tabs: "Form", "History", "Diagram" or "Description" (the stage template). */
  public void openTab(String label) {
    page.locator(".task-card .nav-tabs a").filter(new Locator.FilterOptions().setHasText(label)).click();
    page.locator(".task-card .nav-tabs li.active").filter(new Locator.FilterOptions().setHasText(label)).waitFor();
  }

  /** Clicks a filter in the left column and waits until Tasklist shows it as the current one. */
  public void openFilter(String name) {
    Locator filter = page.locator(".task-filter").filter(new Locator.FilterOptions().setHasText(name));
    filter.locator("h4.name a").click();
    page.locator(".task-filter.active").filter(new Locator.FilterOptions().setHasText(name)).waitFor();
  }

  /**
   * Narrows the current filter with Tasklist's search box to the tasks whose process has {@code variable} =
   * {@code value}: Tasklist's own search, exact and case-sensitive, which the engine runs for whoever asks.
   */
  public void searchByProcessVariable(String variable, String value) {
    page.locator("input.main-field").click();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Process Variable").setExact(true)).click();
    // The new search pill asks for the variable's name, then for its value, each in an input of its own.
    Locator pill = page.locator("[cam-widget-search-pill]").last();
    Locator editing = page.locator("input:focus:not(.main-field)");
    editing.fill(variable);
    editing.press("Enter");
    pill.locator(".name-field").filter(new Locator.FilterOptions().setHasText(variable)).waitFor();
    editing.fill(value);
    editing.press("Enter");
    pill.locator(".value-field").filter(new Locator.FilterOptions().setHasText(value)).waitFor();
  }

  /** The task cards in the list, most urgent first. */
  public Locator cards() {
    return page.locator(".tasks-list > li.task");
  }

  /**
   * What Tasklist shows when the pointer rests on a relative date ("in 4 hours"): the absolute date and time, in the
   * browser's time zone.
   */
  public String tooltipOf(Locator relativeDate) {
    String text = relativeDate.getAttribute("uib-tooltip");
    relativeDate.hover();
    // Other tooltips (of where the pointer was before) may still be fading out: wait for this one.
    page.locator(".tooltip-inner").filter(new Locator.FilterOptions().setHasText(text)).first().waitFor();
    return text;
  }

  /** Tasklist scrolls the form inside its column, so a full-page shot shows only what fits the window. */
  public void screenshot(String path) {
    page.setViewportSize(1400, 1600);
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(path)).setFullPage(true));
  }
}
