package io.slaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.contract.ContractIntake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deals started on a sales-pipeline version from before its steps were split (every step an expression
 * {@code ${pipeline.…}}) run to their end after the upgrade: src/test/resources/earlier/ holds that version as it
 * was deployed.
 */
class EarlierPipelineStepsTest extends PipelineTestSupport {

  @Autowired ContractIntake contracts;
  @Autowired RepositoryService repositoryService;

  @AfterEach
  void theRepositorysVersionIsTheLatestAgain() throws IOException {
    deploy(Path.of("processes/sales-pipeline.bpmn"));
  }

  @Test
  void aDealOnTheVersionBeforeTheSplitIsPlannedMovedAndWonIntoOnboarding() throws IOException {
    Deployment earlier = deploy(Path.of("src/test/resources/earlier/sales-pipeline-before-split.bpmn"));
    ProcessDefinition version = repositoryService.createProcessDefinitionQuery().deploymentId(earlier.getId())
        .singleResult();

    PipelineIntake.Created mql = acceptedMql("Earlier " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult();
    assertThat(instance.getProcessDefinitionId()).isEqualTo(version.getId());

    // ${pipeline.planDeal} and ${pipeline.stageMoved}: the deal's clocks from the policy, the stage it is in.
    assertThat(runtimeService.getVariable(pid, "pipelineStage")).isEqualTo("schedule-discovery");
    assertThat(timerJob(pid, "Timer_DealStalled").getDuedate().toInstant())
        .isEqualTo(((Date) runtimeService.getVariable(pid, "dealStalledAt")).toInstant());
    toClosing(pid, "2026-12-03T14:00");
    assertThat(runtimeService.getVariable(pid, "pipelineStage")).isEqualTo("closing");

    // ${pipeline.close} and ${pipeline.startOnboarding}: won, and the account's onboarding started.
    clockAt(berlin(12, 15, 9, 30));
    complete(pid, "Task_CloseDeal", Map.of("dealOutcome", "won", "wonAmount", 52000));
    assertThat(opportunity(mql.opportunityId()).status()).isEqualTo("won");
    assertThat(contracts.ofOpportunity(mql.opportunityId())).isPresent();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
  }

  /** The process with the decisions and forms it finds in its own deployment, as the application deploys them. */
  private Deployment deploy(Path process) throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment().name("slaflow")
        .enableDuplicateFiltering(false);
    try (InputStream bpmn = Files.newInputStream(process); Stream<Path> decisions = Files.list(Path.of("processes"));
        Stream<Path> forms = Files.list(Path.of("forms"))) {
      deployment.addInputStream("processes/sales-pipeline.bpmn", bpmn);
      for (Path file : Stream.concat(decisions.filter(path -> path.toString().endsWith(".dmn")), forms).toList()) {
        deployment.addString(file.getParent().getFileName() + "/" + file.getFileName(), Files.readString(file));
      }
      return deployment.deploy();
    }
  }
}
