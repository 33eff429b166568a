package io.slaflow.contract;

import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.PlausibleDate;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A contract's renewal: a new renewal date moves its stages; a risk flag opens a recovery plan. */
@RestController
public class RenewalController {

  private final JdbcTemplate jdbc;
  private final RuntimeService runtimeService;
  private final Renewal renewal;
  private final RecordAccess access;

  public RenewalController(JdbcTemplate jdbc, RuntimeService runtimeService, Renewal renewal, RecordAccess access) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.renewal = renewal;
    this.access = access;
  }

  /** The new renewal date. */
  public record RenewalDate(@NotNull @PlausibleDate LocalDate renewsOn) {}

  /** What puts the renewal at risk. */
  public record Risk(@NotBlank @Size(max = 500) String reason) {}

  @PutMapping(path = "/api/contracts/{id}/renewal-date", consumes = "application/json",
      produces = "application/json")
  @Transactional
  public Map<String, Object> moveRenewalDate(@PathVariable String id, @Valid @RequestBody RenewalDate request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    ProcessInstance instance = renewalOf(id, user);
    jdbc.update("UPDATE contract SET renews_on = ? WHERE id = ?", request.renewsOn(), id);
    runtimeService.setVariable(instance.getId(), ContractVariables.RENEWS_ON.name(), request.renewsOn().toString());
    runtimeService.setVariable(instance.getId(), SlaVariables.RECORD_TITLE.name(), ContractIntake.renewalTitle(
        ContactVariables.COMPANY.read(name -> runtimeService.getVariable(instance.getId(), name)), request.renewsOn()));
    renewal.moved(instance.getId(), name -> runtimeService.getVariable(instance.getId(), name),
        (name, value) -> runtimeService.setVariable(instance.getId(), name, value));
    return Map.of("contractId", id, "renewsOn", request.renewsOn().toString());
  }

  @PostMapping(path = "/api/contracts/{id}/risk", consumes = "application/json", produces = "application/json")
  public Map<String, Object> flagRisk(@PathVariable String id, @Valid @RequestBody Risk request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    ProcessInstance instance = renewalOf(id, user);
    runtimeService.createMessageCorrelation(ContractVariables.RISK_MESSAGE).processInstanceId(instance.getId())
        .setVariable(ContractVariables.RISK_REASON.name(), request.reason()).correlate();
    return Map.of("contractId", id, "risk", request.reason());
  }

  private ProcessInstance renewalOf(String id, String user) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(
        ContractVariables.RENEWAL_PROCESS_KEY).processInstanceBusinessKey(id).singleResult();
    if (instance == null || !access.mayRead(user, ContractUnit.UNIT, id)) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No open renewal for contract '" + id + "'");
    }
    return instance;
  }
}
