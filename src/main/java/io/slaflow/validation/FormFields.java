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
   * @param type form-js' component type ({@code textfield}, {@code number}, {@code datetime}, ...)
   * @param subtype a datetime field's {@code date}, {@code time} or {@code datetime}; null for other types
   * @param maxLength the form's {@code validate.maxLength}, or null
   * @param readonly shown to the user and sent back unchanged by Tasklist, never written by them
   */
  public record Field(String key, boolean required, List<String> hideWhen, List<String> options,
      String optionsVariable, String type, String subtype, Integer maxLength, boolean readonly) {

    public boolean checkbox() {
      return "checkbox".equals(type);
    }
  }

  private FormFields() {}

  public static List<Field> of(InputStream form) throws IOException {
    List<Field> fields = new ArrayList<>();
    collect(JSON.readTree(form), List.of(), fields);
    return fields;
  }

  /** The keys of the required fields, shown or not. */
  public static List<String> requiredKeys(InputStream form) throws IOException {
    return of(form).stream().filter(f -> f.required() && !f.readonly()).map(Field::key).toList();
  }

  private static void collect(JsonNode node, List<String> outerHideWhen, List<Field> fields) {
    for (JsonNode component : node.path("components")) {
      List<String> hideWhen = new ArrayList<>(outerHideWhen);
      String hide = component.path("conditional").path("hide").asText("");
      if (!hide.isBlank()) {
        hideWhen.add(hide.startsWith("=") ? hide.substring(1) : hide);
      }
      if (component.hasNonNull("key")) {
        List<String> options = new ArrayList<>();
        component.path("values").forEach(option -> options.add(option.path("value").asText()));
        String optionsVariable = component.hasNonNull("valuesKey") ? component.get("valuesKey").asText() : null;
        JsonNode validate = component.path("validate");
        fields.add(new Field(component.get("key").asText(), validate.path("required").asBoolean(),
            List.copyOf(hideWhen), List.copyOf(options), optionsVariable, component.path("type").asText(),
            component.hasNonNull("subtype") ? component.get("subtype").asText() : null,
            validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null,
            component.path("readonly").asBoolean(false)));
      }
      collect(component, hideWhen, fields); // groups and dynamic lists nest their fields
    }
  }
}
