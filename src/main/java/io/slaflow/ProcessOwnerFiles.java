package io.slaflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the process owner's files (processes/*.bpmn and *.dmn, forms/*.form) as one deployment named
 * "slaflow", with resource names as they stand in the repository. A start with unchanged files deploys nothing; a
 * change deploys all of them again, so that a process always finds its forms and decisions in its own deployment.
 */
@Component
public class ProcessOwnerFiles extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "slaflow";
  private static final String[] PATTERNS = {"processes/*.bpmn", "processes/*.dmn", "forms/*.form"};

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("processes/ and forms/")
        .enableDuplicateFiltering(false);
    try {
      for (Map.Entry<String, Resource> file : files().entrySet()) {
        deployment.addInputStream(file.getKey(), file.getValue().getInputStream());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the process owner's files", e);
    }
    deployment.deploy();
  }

  /** The process owner's files by their names in the repository, e.g. {@code processes/lead-routing.bpmn}. */
  public static Map<String, Resource> files() {
    Map<String, Resource> files = new LinkedHashMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring(0, pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
          files.put(folder + resource.getFilename(), resource);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the process owner's files", e);
    }
    return files;
  }
}
