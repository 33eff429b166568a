package io.slaflow.intake;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaPolicyTable;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The words a lead's source and intent may take: those the SLA policy table names (the process owner's, redeployed
 * without a release) and those the administrators declare ({@code slaflow.vocabulary.*}). A lead with any other
 * well-formed value is accepted, not refused: it runs on the policy's fallback row, and the value is written down
 * (and logged) for the process owner, who gives it a row of its own or declares it.
 */
@Component
public class LeadVocabulary {

  private static final Logger log = LoggerFactory.getLogger(LeadVocabulary.class);

  /** A value nobody declared, on one record. */
  public record Undeclared(String fact, String value) {}

  private final SlaPolicyTable policies;
  private final JdbcTemplate jdbc;
  private final Map<String, List<String>> declared;

  public LeadVocabulary(SlaPolicyTable policies, JdbcTemplate jdbc,
      @Value("${slaflow.vocabulary.sources:}") List<String> sources,
      @Value("${slaflow.vocabulary.intents:}") List<String> intents) {
    this.policies = policies;
    this.jdbc = jdbc;
    this.declared = Map.of(DecisionFacts.SOURCE.name(), List.copyOf(sources), DecisionFacts.INTENT.name(),
        List.copyOf(intents));
  }

  /** Writes the lead's facts nobody declared down for the process owner. */
  void record(Lead lead) {
    // One read of the policy's names for the lead, however many facts it has.
    Map<String, Set<String>> named = policies.namedValues();
    List<Undeclared> undeclared = new ArrayList<>();
    check(named, DecisionFacts.SOURCE.name(), lead.source(), undeclared);
    check(named, DecisionFacts.INTENT.name(), lead.intent(), undeclared);
    for (Undeclared value : undeclared) {
      jdbc.update("INSERT INTO undeclared_value (unit, record_id, fact, fact_value, seen_at) VALUES (?,?,?,?,?)",
          LeadVariables.PROCESS_KEY, lead.id(), value.fact(), value.value(),
          EngineTime.now().atOffset(ZoneOffset.UTC));
      log.warn("Lead {} has the {} '{}', which neither the SLA policy table nor slaflow.vocabulary names: it runs"
          + " on the fallback policy", lead.id(), value.fact(), value.value());
    }
  }

  /** What {@link #record} wrote down for the lead. */
  List<Undeclared> of(String leadId) {
    return jdbc.query("SELECT fact, fact_value FROM undeclared_value WHERE unit = ? AND record_id = ? ORDER BY id",
        (rs, row) -> new Undeclared(rs.getString("fact"), rs.getString("fact_value")), LeadVariables.PROCESS_KEY,
        leadId);
  }

  private void check(Map<String, Set<String>> named, String fact, String value, List<Undeclared> undeclared) {
    if (value != null && !named.getOrDefault(fact, Set.of()).contains(value) && !declared.get(fact).contains(value)) {
      undeclared.add(new Undeclared(fact, value));
    }
  }
}
