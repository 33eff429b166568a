package io.slaflow.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;

/** Reads the demo YAML files into records; unknown keys are errors, so a typo in a file does not go unnoticed. */
public final class YamlFiles {

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private YamlFiles() {}

  public static <T> T read(Resource resource, Class<T> type) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      return YAML.readValue(in, type);
    }
  }
}
