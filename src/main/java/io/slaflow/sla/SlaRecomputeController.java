package io.slaflow.sla;

import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sla/recompute}: an administrator makes the open clocks follow a changed SLA policy, with a dry
 * run first if they like; {@code GET /api/sla/recomputations/{runId}} reads a run's audit of old and new due times.
 */
@RestController
public class SlaRecomputeController {

  private final SlaRecompute recompute;
  private final RepositoryService repositoryService;

  public SlaRecomputeController(SlaRecompute recompute, RepositoryService repositoryService) {
    this.recompute = recompute;
    this.repositoryService = repositoryService;
  }

  /** Which open visits (all when unit and stage are absent), whether only to preview, and why: for the audit. */
  public record Request(@Size(max = 64) String unit, @Size(max = 64) String stage, Boolean dryRun,
      @NotBlank @Size(max = 500) String reason) {}

  @PostMapping(path = "/api/sla/recompute", consumes = "application/json", produces = "application/json")
  public SlaRecompute.Result recompute(@Valid @RequestBody Request request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    if (request.unit() != null) {
      TreeSet<String> units = new TreeSet<>(repositoryService.createProcessDefinitionQuery().latestVersion().list()
          .stream().map(ProcessDefinition::getKey).toList());
      if (!units.contains(request.unit())) {
        throw Problems.invalid("unit", "is not a process unit; one of " + String.join(", ", units));
      }
    }
    return recompute.recompute(request.unit(), request.stage(), Boolean.TRUE.equals(request.dryRun()),
        request.reason().strip(), user);
  }

  @GetMapping(path = "/api/sla/recomputations/{runId}", produces = "application/json")
  public List<SlaRecompute.Audit> audit(@PathVariable String runId) {
    List<SlaRecompute.Audit> rows = recompute.audit(runId);
    if (rows.isEmpty()) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No recomputation run '" + runId + "' changed any clock");
    }
    return rows;
  }
}
