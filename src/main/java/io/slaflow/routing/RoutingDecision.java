package io.slaflow.routing;

import io.slaflow.calendar.EngineTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routing's decision for a team, taken in a short transaction of its own. Concurrent leads of one team take turns on
 * the team's routing cursor, so that each sees the work the previous one gave out; held until the whole intake
 * committed (the process start, its task and timers), the cursor let one lead of a team in at a time, and a team
 * took leads at half the rate of eight teams (BENCHMARKS.md, intake). Now the cursor is held only while the owner
 * is chosen; the choice is written down as a pick, which counts as the owner's open work until the work's own
 * transaction commits its SLA record and deletes the pick in one go. A pick of a transaction that rolled back is
 * deleted after it; one of a node that died stops counting after {@link #STALE}.
 */
@Component
class RoutingDecision {

  static final Duration STALE = Duration.ofMinutes(10);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  RoutingDecision(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The owner {@code choose} picks from the team's last pick and the picks not committed yet (by owner), with the
   * team's cursor held; empty when nobody is eligible.
   */
  Optional<String> decide(String teamId, BiFunction<String, Map<String, Integer>, Optional<String>> choose) {
    Pick pick = ownTransaction.execute(tx -> lockedChoice(teamId, choose));
    if (pick == null) {
      return Optional.empty();
    }
    // Gone with the commit of the work's SLA record; the pick stays counted until then.
    forget(pick);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status != STATUS_COMMITTED) {
            ownTransaction.executeWithoutResult(tx -> forget(pick));
          }
        }
      });
    }
    return Optional.of(pick.ownerId());
  }

  /** An owner chosen and written down, counted as their open work until it is forgotten. */
  private record Pick(String id, String ownerId) {}

  private void forget(Pick pick) {
    jdbc.update("DELETE FROM routing_pick WHERE id = ?", pick.id());
  }

  /** The pick, or null when nobody is eligible. */
  private Pick lockedChoice(String teamId, BiFunction<String, Map<String, Integer>, Optional<String>> choose) {
    List<String> cursor = jdbc.query("SELECT last_owner_id FROM routing_cursor WHERE team_id = ? FOR UPDATE",
        (rs, i) -> rs.getString(1), teamId);
    if (cursor.isEmpty()) {
      throw new IllegalStateException("Team '" + teamId + "' has no routing cursor; teams get one when created");
    }
    Instant now = EngineTime.now();
    jdbc.update("DELETE FROM routing_pick WHERE team_id = ? AND picked_at < ?", teamId, utc(now.minus(STALE)));
    Map<String, Integer> pending = new HashMap<>();
    jdbc.query("SELECT owner_id, COUNT(*) FROM routing_pick WHERE team_id = ? GROUP BY owner_id",
        rs -> {
          pending.put(rs.getString(1), rs.getInt(2));
        }, teamId);
    Optional<String> owner = choose.apply(cursor.get(0), pending);
    if (owner.isEmpty()) {
      return null;
    }
    Pick pick = new Pick(UUID.randomUUID().toString(), owner.get());
    jdbc.update("UPDATE routing_cursor SET last_owner_id = ? WHERE team_id = ?", pick.ownerId(), teamId);
    jdbc.update("INSERT INTO routing_pick (id, team_id, owner_id, picked_at) VALUES (?,?,?,?)", pick.id(), teamId,
        pick.ownerId(), utc(now));
    return pick;
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
