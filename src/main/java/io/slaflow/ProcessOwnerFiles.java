package io.slaflow;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring(0, pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
          deployment.addInputStream(folder + resource.getFilename(), resource.getInputStream());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the process owner's files", e);
    }
    deployment.deploy();
  }
}
