package io.slaflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the demo YAML files into records; unknown keys are errors, so a typo in a file does not go unnoticed. */
public final class YamlFiles {

  private YamlFiles() {}

  public static <T> T read(Resource resource, Class<T> type) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      Map<String, Object> raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new ObjectMapper().convertValue(raw, type);
    }
  }
}
