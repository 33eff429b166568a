package io.slaflow.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields a Camunda Form marks as required: the one place a stage's required data is declared. */
public final class RequiredFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RequiredFields() {}

  public static List<String> of(InputStream form) throws IOException {
    List<String> keys = new ArrayList<>();
    collect(JSON.readTree(form), keys);
    return keys;
  }

  private static void collect(JsonNode node, List<String> keys) {
    for (JsonNode component : node.path("components")) {
      if (component.path("validate").path("required").asBoolean(false) && component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      collect(component, keys); // groups and dynamic lists nest their fields
    }
  }
}
