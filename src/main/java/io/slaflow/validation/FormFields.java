package io.slaflow.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a Camunda Form the stage gate checks: the one place a stage's required data and choices are
 * declared. A field counts only while it is shown: form-js hides a field (and skips its validation) when a
 * {@code conditional.hide} expression of the field or of a group around it is true.
 */
public final class FormFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param hideWhen FEEL expressions (without form-js' leading "=") of the field and its groups; any true hides it
   * @param options the values a select or radio accepts; empty for free input
   * @param optionsVariable the process variable holding the options instead ({@code valuesKey}), or null
   */
  public record Field(String key, boolean required, List<String> hideWhen, List<String> options,
      String optionsVariable, boolean checkbox) {}

  private FormFields() {}

  public static List<Field> of(InputStream form) throws IOException {
    List<Field> fields = new ArrayList<>();
    collect(JSON.readTree(form), List.of(), fields);
    return fields;
  }

  /** The keys of the required fields, shown or not. */
  public static List<String> requiredKeys(InputStream form) throws IOException {
    return of(form).stream().filter(Field::required).map(Field::key).toList();
  }

  private static void collect(JsonNode node, List<String> outerHideWhen, List<Field> fields) {
    for (JsonNode component : node.path("components")) {
      List<String> hideWhen = new ArrayList<>(outerHideWhen);
      String hide = component.path("conditional").path("hide").asText("");
      if (!hide.isBlank()) {
        hideWhen.add(hide.startsWith("=") ? hide.substring(1) : hide);
      }
      if (component.hasNonNull("key") && !component.path("readonly").asBoolean(false)) {
        List<String> options = new ArrayList<>();
        component.path("values").forEach(option -> options.add(option.path("value").asText()));
        String optionsVariable = component.hasNonNull("valuesKey") ? component.get("valuesKey").asText() : null;
        fields.add(new Field(component.get("key").asText(), component.path("validate").path("required").asBoolean(),
            List.copyOf(hideWhen), List.copyOf(options), optionsVariable,
            "checkbox".equals(component.path("type").asText())));
      }
      collect(component, hideWhen, fields); // groups and dynamic lists nest their fields
    }
  }
}
