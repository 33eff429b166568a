package io.slaflow.unit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a unit tells the rest of the application about itself, declared once as a Spring bean in its own folder (see
 * docs/adding-a-unit.md): its processes, the table of its business records, and which of its API paths intake
 * systems call and which its team works. The API's security reads every unit's declaration, so a new unit needs no
 * change to it.
 *
 * @param processKeys the BPMN process ids whose SLA records and stage history are about this unit's records
 * @param table the records' table: its {@code id}, {@code intake_client}, {@code idempotency_key} and
 *     {@code external_id} serve the kit's idempotent creation and record access
 * @param intakePaths regular expressions of the paths only intake systems (and administrators) call, e.g. the POST
 *     that creates a record
 * @param teamPaths regular expressions of the paths open to every user, where the controller checks per record who
 *     may read and work it ({@link RecordAccess}); checked before {@code intakePaths}
 */
public final class Unit {

  private final List<String> processKeys;
  private final String table;
  private final Pattern intakePaths;
  private final Pattern teamPaths;

  public Unit(List<String> processKeys, String table, List<String> intakePaths, List<String> teamPaths) {
    this.processKeys = List.copyOf(processKeys);
    this.table = table;
    this.intakePaths = anyOf(intakePaths);
    this.teamPaths = anyOf(teamPaths);
  }

  public List<String> processKeys() {
    return processKeys;
  }

  public String table() {
    return table;
  }

  /** Paths only intake systems and administrators may call. */
  public boolean isIntake(String path) {
    return !isForTeams(path) && intakePaths.matcher(path).matches();
  }

  /** Paths every user may call; the controller answers 404 to whoever may not read the record. */
  public boolean isForTeams(String path) {
    return teamPaths.matcher(path).matches();
  }

  private static Pattern anyOf(List<String> patterns) {
    return Pattern.compile(patterns.isEmpty() ? "(?!)" : "(?:" + String.join(")|(?:", patterns) + ")");
  }
}
