package io.slaflow.contract;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.Money;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a signed contract and starts the onboarding unit for the account, in one transaction: from
 * {@code POST /api/contracts}, or from a deal closed won in the sales pipeline.
 */
@Service
public class ContractIntake {

  static final String TABLE = "contract";

  private final JdbcTemplate jdbc;
  private final SlaRecords slaRecords;
  private final RuntimeService runtimeService;
  private final String currency;

  public ContractIntake(JdbcTemplate jdbc, SlaRecords slaRecords, @Lazy RuntimeService runtimeService,
      @Value("${slaflow.currency:EUR}") String currency) {
    this.jdbc = jdbc;
    this.slaRecords = slaRecords;
    this.runtimeService = runtimeService;
    this.currency = currency;
  }

  /** What the caller learns: the contract, its onboarding instance, the customer success manager, kickoff due. */
  public record Created(String contractId, String processInstanceId, String teamId, String owner,
      Date kickoffDue) {}

  public Optional<Created> repeatOf(Creator creator, String externalId) {
    return IdempotentCreate.earlier(jdbc, TABLE, creator, externalId).map(this::describe);
  }

  /** The contract a won deal became, if any. */
  public Optional<Created> ofOpportunity(String opportunityId) {
    return jdbc.queryForList("SELECT id FROM contract WHERE opportunity_id = ?", String.class, opportunityId)
        .stream().findFirst().map(this::describe);
  }

  @Transactional
  public Created create(ContractRequest request, Creator creator, String opportunityId, String accountExecutive) {
    String id = UUID.randomUUID().toString();
    String currencyOfAmount = Money.currencyOf(request.amount(), request.currency(), currency);
    jdbc.update("INSERT INTO contract (id, external_id, idempotency_key, opportunity_id, account, contact_name,"
            + " contact_email, country, product, amount, currency, renews_on, created_at, created_by, intake_client)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        id, request.externalId(), creator.idempotencyKey(), opportunityId, request.account().trim(),
        request.contactName().trim(), request.contactEmail().trim(), request.country(), request.product(),
        request.amount(), currencyOfAmount, request.renewsOn(), EngineTime.now().atOffset(ZoneOffset.UTC),
        creator.createdBy(), creator.intakeClient());
    Map<String, Object> variables = new HashMap<>();
    ContactVariables.COMPANY.put(variables, request.account().trim());
    ContactVariables.NAME.put(variables, request.contactName().trim());
    ContactVariables.EMAIL.put(variables, request.contactEmail().trim());
    DecisionFacts.COUNTRY.put(variables, request.country());
    DecisionFacts.PRODUCT.put(variables, request.product());
    ContractVariables.AMOUNT.put(variables, request.amount());
    ContractVariables.CURRENCY.put(variables, currencyOfAmount);
    ContractVariables.OPPORTUNITY_ID.put(variables, opportunityId);
    ContractVariables.ACCOUNT_EXECUTIVE.put(variables, accountExecutive);
    SlaVariables.RECORD_TITLE.put(variables, "Onboarding " + request.account().trim());
    ProcessInstance instance =
        runtimeService.startProcessInstanceByMessage(ContractVariables.SIGNED_MESSAGE, id, variables);
    jdbc.update("UPDATE contract SET process_instance_id = ? WHERE id = ?", instance.getId(), id);
    if (request.renewsOn() != null) {
      ContractVariables.RENEWS_ON.put(variables, request.renewsOn().toString());
      SlaVariables.RECORD_TITLE.put(variables, renewalTitle(request.account().trim(), request.renewsOn()));
      runtimeService.startProcessInstanceByMessage(ContractVariables.RENEWAL_MESSAGE, id, variables);
    }
    return describe(id);
  }

  /** How cards and alerts name a renewal: its account and the date it renews on, which may move. */
  static String renewalTitle(String account, LocalDate renewsOn) {
    return "Renewal " + account + " (" + renewsOn + ")";
  }

  private Created describe(String id) {
    String pid = jdbc.queryForObject("SELECT process_instance_id FROM contract WHERE id = ?", String.class, id);
    return slaRecords.first(ContractVariables.ONBOARDING_PROCESS_KEY, id)
        .map(first -> new Created(id, pid, first.teamId(), first.ownerId(), Date.from(first.dueAt())))
        .orElseGet(() -> new Created(id, pid, null, null, null));
  }
}
