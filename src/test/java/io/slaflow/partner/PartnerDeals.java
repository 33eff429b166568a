package io.slaflow.partner;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The test-only unit's records and its one step of its own, called from partner-registration.bpmn as
 * {@code ${partnerDeals.reviewed(execution)}}. Everything else (routing, the SLA clock and ladder, stage history, the
 * stage gate) is the kit's.
 */
@Component("partnerDeals")
public class PartnerDeals {

  static final String TABLE = "partner_deal";

  private final JdbcTemplate jdbc;
  private final SlaRecords slaRecords;
  private final RuntimeService runtimeService;

  public PartnerDeals(JdbcTemplate jdbc, SlaRecords slaRecords, @Lazy RuntimeService runtimeService) {
    this.jdbc = jdbc;
    this.slaRecords = slaRecords;
    this.runtimeService = runtimeService;
  }

  /** What the partner portal learns: where the registration went and when its review is due. */
  public record Created(String dealId, String teamId, String owner, String due) {}

  Optional<Created> repeatOf(Creator creator, String externalId) {
    return IdempotentCreate.earlier(jdbc, TABLE, creator, externalId).map(this::describe);
  }

  @Transactional
  public Created create(PartnerDealRequest request, Creator creator) {
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO partner_deal (id, external_id, idempotency_key, partner, account, contact_name,"
            + " contact_email, country, created_at, created_by, intake_client) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        id, request.externalId(), creator.idempotencyKey(), request.partner(), request.account(),
        request.contactName(), request.contactEmail(), request.country(), EngineTime.now().atOffset(ZoneOffset.UTC),
        creator.createdBy(), creator.intakeClient());
    Map<String, Object> variables = new HashMap<>();
    PartnerDealVariables.PARTNER.put(variables, request.partner());
    ContactVariables.COMPANY.put(variables, request.account());
    ContactVariables.NAME.put(variables, request.contactName());
    ContactVariables.EMAIL.put(variables, request.contactEmail());
    DecisionFacts.COUNTRY.put(variables, request.country());
    DecisionFacts.PRODUCT.put(variables, request.product());
    SlaVariables.RECORD_TITLE.put(variables, "Partner deal " + request.account() + " (" + request.partner() + ")");
    String instance = runtimeService.startProcessInstanceByMessage(PartnerDealVariables.REGISTERED_MESSAGE, id,
        variables).getId();
    jdbc.update("UPDATE partner_deal SET process_instance_id = ? WHERE id = ?", instance, id);
    return describe(id);
  }

  /** The channel team's decision, as the stage gate let it through. */
  public void reviewed(DelegateExecution execution) {
    jdbc.update("UPDATE partner_deal SET decision = ?, decision_reason = ? WHERE id = ?",
        PartnerDealVariables.DECISION.from(execution), PartnerDealVariables.REASON.from(execution),
        execution.getProcessBusinessKey());
  }

  /** A registration as its portal and its team read it. */
  public record View(String dealId, String partner, String account, String decision, String decisionReason) {}

  View find(String id) {
    return jdbc.queryForObject("SELECT * FROM partner_deal WHERE id = ?", (row, n) -> new View(row.getString("id"),
        row.getString("partner"), row.getString("account"), row.getString("decision"),
        row.getString("decision_reason")), id);
  }

  private Created describe(String id) {
    return slaRecords.first(PartnerDealVariables.PROCESS_KEY, id)
        .map(first -> new Created(id, first.teamId(), first.ownerId(), first.dueAt().toString()))
        .orElseGet(() -> new Created(id, null, null, null));
  }
}
