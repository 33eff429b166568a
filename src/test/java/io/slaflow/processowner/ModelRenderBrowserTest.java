package io.slaflow.processowner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.slaflow.testsupport.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process owner's diagrams and forms as people see them: every BPMN in processes/ imports in bpmn-js without a
 * warning and draws every flow node, every form in forms/ renders in the form-js that Camunda 7.24's Tasklist ships
 * with every label showing. A warning bpmn-js swallows is a part of the diagram nobody sees in Modeler or Cockpit; a
 * form Tasklist cannot render is a stage nobody can complete. Screenshots land in target/render/ for a look.
 *
 * <p>The libraries come from node_modules (npm ci runs before the tests, see pom.xml), pinned in package.json:
 * bpmn-js 16.5.0 is the version Cockpit 7.24 draws diagrams with, form-js 1.8.7 the one Tasklist renders forms with
 * (both read from camunda-webapp-webjar 7.24.0: lib/deps.js.LICENSE.txt names bpmn-js@16.5.0; form-js carries no
 * banner, but lib/deps.js has schemaVersion 16 (1.8 on), 1.8.7's icon paths (1.8.6 drew them differently) and a
 * button that does not yet evaluate its label (1.8.8 on does), as Camunda's webapps/frontend/package.json pins).
 * camunda-bpmn-moddle lets bpmn-js read camunda: extensions as Modeler does, so that a misspelt listener or input
 * is a warning instead of silently ignored XML.
 */
class ModelRenderBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path NODE_MODULES = Path.of("node_modules");
  private static final Path SCREENSHOTS = Path.of("target/render");

  private static Browser browser;
  private static DiagramPage bpmnJs;
  private static FormPage formJs;

  /** One page per library, loaded once: parsing the bundles again for each file would triple the run time. */
  @BeforeAll
  static void loadLibraries() throws IOException {
    assertThat(NODE_MODULES.resolve("bpmn-js")).as("node_modules from npm ci: mvn runs it unless skipLint").exists();
    browser = new Browser();
    bpmnJs = new DiagramPage();
    formJs = new FormPage();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  static Stream<Path> diagrams() throws IOException {
    return modelFiles(Path.of("processes"), ".bpmn");
  }

  static Stream<Path> forms() throws IOException {
    return modelFiles(Path.of("forms"), ".form");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void diagramImportsWithoutWarningsAndDrawsEveryFlowNode(Path file) throws IOException {
    // Camunda's own model API reads the file independently of bpmn-js: what the engine deploys must be drawn.
    Map<String, String> flowNodes = new LinkedHashMap<>();
    Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(FlowNode.class)
        .forEach(node -> flowNodes.put(node.getId(), node.getName()));
    assertThat(flowNodes).as("%s: flow nodes", file).isNotEmpty();

    DiagramImport imported = bpmnJs.importDiagram(Files.readString(file));
    bpmnJs.screenshot(file);

    assertThat(imported.error()).as("%s: import error", file).isNull();
    assertThat(imported.warnings()).as("%s: import warnings", file).isEmpty();
    assertThat(imported.drawn()).as("%s: one shape per flow node", file).containsOnlyKeys(flowNodes.keySet());
    flowNodes.forEach((id, name) -> {
      if (name != null && !name.isBlank()) {
        assertThat(squash(imported.drawn().get(id))).as("%s: the name drawn for %s", file, id)
            .isEqualTo(squash(name));
      }
    });
    assertThat(bpmnJs.consoleErrors).as("%s: console errors", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void formRendersInTasklistsFormJsWithEveryLabel(Path file) throws IOException {
    JsonNode schema = JSON.readTree(file.toFile());
    List<String> labels = new ArrayList<>();
    collectLabels(schema, labels);
    assertThat(labels).as("%s: labels", file).isNotEmpty();

    FormImport imported = formJs.importForm(schema.toString());
    formJs.screenshot(file);

    assertThat(imported.error()).as("%s: import error", file).isNull();
    assertThat(imported.warnings()).as("%s: import warnings", file).isEmpty();
    assertThat(imported.visibleLabels()).as("%s: labels on the empty form", file).isNotEmpty();
    assertThat(formJs.labelsForEveryChoice()).as("%s: labels on screen for some choice", file).containsAll(labels);
    assertThat(formJs.consoleErrors).as("%s: console errors", file).isEmpty();
  }

  /** The check above can fail: bpmn-js reports what a hand edit of the XML typically breaks. */
  @Test
  void aDiagramWithADanglingReferenceAnUnknownElementOrAMisspeltExtensionIsReported() throws IOException {
    String xml = Files.readString(Path.of("processes/lead-routing.bpmn"));
    String broken = xml
        .replaceFirst("targetRef=\"[^\"]+\"", "targetRef=\"Task_NoSuchTask\"")
        .replaceFirst("</bpmn:process>", "<bpmn:taskk id=\"Task_Typo\" /></bpmn:process>")
        .replaceFirst("<camunda:taskListener ", "<camunda:taskListner ");
    assertThat(broken).contains("Task_NoSuchTask", "bpmn:taskk", "camunda:taskListner");

    DiagramImport imported = bpmnJs.importDiagram(broken);

    assertThat(String.join("\n", imported.warnings()))
        .contains("unresolved reference <Task_NoSuchTask>")
        .contains("unparsable content <bpmn:taskk>")
        .contains("unparsable content <camunda:taskListner>");
  }

  /** The check above can fail: form-js refuses a field type it does not know, as Tasklist would. */
  @Test
  void aFormWithAnUnknownFieldTypeIsReported() throws IOException {
    String schema = Files.readString(Path.of("forms/first-contact.form")).replace("\"checkbox\"", "\"tickbox\"");

    FormImport imported = formJs.importForm(schema);

    assertThat(imported.error()).contains("<tickbox>").contains("not supported");
  }

  private static Stream<Path> modelFiles(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList().stream();
    }
  }

  /** The labels form-js draws: a field's label, a date or time picker's own labels, a group's title. */
  private static void collectLabels(JsonNode container, List<String> labels) {
    for (JsonNode component : container.path("components")) {
      for (String property : List.of("label", "dateLabel", "timeLabel")) {
        if (component.hasNonNull(property)) {
          labels.add(component.get(property).asText());
        }
      }
      collectLabels(component, labels);
    }
  }

  /** Line breaks in a drawn name fall between words, so the words are compared without their spaces. */
  private static String squash(String text) {
    return text == null ? null : text.replaceAll("\\s+", "");
  }

  private static List<String> strings(Object list) {
    return ((List<?>) list).stream().map(String::valueOf).toList();
  }

  record DiagramImport(List<String> warnings, String error, Map<String, String> drawn) {}

  record FormImport(List<String> warnings, String error, List<String> visibleLabels) {}

  /** A blank page with one library loaded from node_modules: no server, no network. */
  private abstract static class RenderPage {

    final Page page = browser.newPage();
    final List<String> consoleErrors = new ArrayList<>();

    RenderPage(String container, List<Path> styles, Path script) {
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          consoleErrors.add(message.text());
        }
      });
      page.onPageError(consoleErrors::add);
      page.setContent("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">"
          + container + "</body></html>");
      styles.forEach(css -> page.addStyleTag(new Page.AddStyleTagOptions().setPath(css)));
      page.addScriptTag(new Page.AddScriptTagOptions().setPath(script));
    }
  }

  /** bpmn-js's NavigatedViewer, as Cockpit draws a process, reading camunda: extensions as Modeler does. */
  private static final class DiagramPage extends RenderPage {

    private static final Path BPMN_JS = NODE_MODULES.resolve("bpmn-js/dist");

    private final String camunda;

    DiagramPage() throws IOException {
      super("<div id=\"canvas\" style=\"width:100vw;height:100vh\"></div>",
          List.of(BPMN_JS.resolve("assets/diagram-js.css"), BPMN_JS.resolve("assets/bpmn-js.css"),
              BPMN_JS.resolve("assets/bpmn-font/css/bpmn-embedded.css")),
          BPMN_JS.resolve("bpmn-navigated-viewer.production.min.js"));
      camunda = Files.readString(NODE_MODULES.resolve("camunda-bpmn-moddle/resources/camunda.json"));
    }

    DiagramImport importDiagram(String xml) {
      consoleErrors.clear();
      Map<?, ?> result = (Map<?, ?>) page.evaluate("""
          async ({ xml, camunda }) => {
            window.viewer?.destroy();
            window.viewer = new BpmnJS({ container: '#canvas', moddleExtensions: { camunda: JSON.parse(camunda) } });
            try {
              const { warnings } = await viewer.importXML(xml);
              return { warnings: warnings.map(warning => warning.message), error: null };
            } catch (error) {
              return { warnings: (error.warnings || []).map(warning => warning.message), error: error.message };
            }
          }""", Map.of("xml", xml, "camunda", camunda));
      fitDiagram();
      @SuppressWarnings("unchecked")
      Map<String, String> drawn = (Map<String, String>) page.evaluate("""
          () => {
            // What the svg shows, not what bpmn-js holds: each drawn flow node with its text and its label's text.
            const registry = viewer.get('elementRegistry');
            const drawn = {};
            document.querySelectorAll('#canvas svg g.djs-element.djs-shape').forEach(gfx => {
              const element = registry.get(gfx.getAttribute('data-element-id'));
              const owner = element.type === 'label' ? element.labelTarget : element;
              const box = gfx.getBBox();
              if (owner.businessObject.$instanceOf('bpmn:FlowNode') && box.width > 0 && box.height > 0) {
                drawn[owner.id] = (drawn[owner.id] || '') + gfx.textContent;
              }
            });
            return drawn;
          }""");
      return new DiagramImport(strings(result.get("warnings")), (String) result.get("error"), drawn);
    }

    /**
     * Sizes the window to the diagram so that the screenshot shows it whole at full scale, names readable (the sales
     * pipeline is 9,000 pixels wide); a bigger diagram is shrunk to 12,000 pixels, within what chromium can draw.
     */
    private void fitDiagram() {
      Map<?, ?> inner = (Map<?, ?>) page.evaluate("() => viewer.get('canvas').viewbox().inner");
      double width = ((Number) inner.get("width")).doubleValue() + 80;
      double height = ((Number) inner.get("height")).doubleValue() + 80;
      double scale = Math.min(1, 12_000 / width);
      page.setViewportSize(Math.max(800, (int) (width * scale)), Math.max(400, (int) (height * scale)));
      page.evaluate("() => { const canvas = viewer.get('canvas'); canvas.resized(); canvas.zoom('fit-viewport'); }");
    }

    void screenshot(Path file) {
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file.getFileName() + ".png")));
    }
  }

  /** form-js's viewer, as Tasklist renders a Camunda Form: empty, before the process fills in any variable. */
  private static final class FormPage extends RenderPage {

    private static final Path FORM_JS = NODE_MODULES.resolve("@bpmn-io/form-js/dist");

    FormPage() {
      super("<div id=\"form\" style=\"width:800px;padding:16px\"></div>",
          List.of(FORM_JS.resolve("assets/form-js.css"), FORM_JS.resolve("assets/flatpickr/light.css")),
          FORM_JS.resolve("form-viewer.umd.js"));
    }

    FormImport importForm(String schema) {
      consoleErrors.clear();
      Map<?, ?> result = (Map<?, ?>) page.evaluate("""
          async schema => {
            // Leave the last form's focused radio first: destroying it focused fires a blur on a removed field.
            document.activeElement?.blur();
            window.shownForm?.destroy();
            window.shownForm = new FormViewer.Form({ container: document.querySelector('#form') });
            try {
              const { warnings } = await shownForm.importSchema(JSON.parse(schema), {});
              return { warnings: warnings.map(String), error: null };
            } catch (error) {
              return { warnings: (error.warnings || []).map(String), error: error.message };
            }
          }""", schema);
      return new FormImport(strings(result.get("warnings")), (String) result.get("error"), visibleLabels());
    }

    /**
     * The labels a rep sees on the empty form and after picking each option of each radio group: some fields show
     * only for one outcome (the reason for "lost", the date to look again on a held signal).
     */
    List<String> labelsForEveryChoice() {
      Set<String> seen = new LinkedHashSet<>(visibleLabels());
      Locator options = page.locator("#form input[type=radio]");
      for (int i = 0; i < options.count(); i++) {
        options.nth(i).check();
        seen.addAll(visibleLabels());
      }
      return List.copyOf(seen);
    }

    private List<String> visibleLabels() {
      // Preact renders a change on its next tick: read the labels once the page has drawn.
      page.evaluate("() => new Promise(drawn => requestAnimationFrame(() => setTimeout(drawn)))");
      return strings(page.evaluate("""
          () => [...document.querySelectorAll('#form .fjs-form-field-label, #form .fjs-form-field-grouplike > label')]
            .filter(label => label.checkVisibility())
            .map(label => label.innerText.replace(/\\*$/, '').trim())"""));
    }

    void screenshot(Path file) {
      page.locator("#form").screenshot(new Locator.ScreenshotOptions()
          .setPath(SCREENSHOTS.resolve(file.getFileName() + ".png")));
    }
  }
}
