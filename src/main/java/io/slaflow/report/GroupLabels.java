package io.slaflow.report;

import io.slaflow.org.Organisation;
import io.slaflow.org.Team;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** How the reports name their groups for people: "Ben Keller", not "ben.keller"; "First contact", not a key. */
@Component
public class GroupLabels {

  private final Organisation organisation;

  public GroupLabels(Organisation organisation) {
    this.organisation = organisation;
  }

  /** The rows, each labelled; a report by rep reads its reps' names once for all rows. */
  List<AdherenceReport.Row> label(AdherenceReport.GroupBy groupBy, List<AdherenceReport.Row> rows) {
    Function<String, String> label = switch (groupBy) {
      case REP -> organisation.namesOf(rows.stream().map(AdherenceReport.Row::group).toList());
      case TEAM -> key -> key == null ? "no team" : organisation.team(key).map(Team::name).orElse(key);
      case STAGE, UNIT -> GroupLabels::words;
      case SOURCE, WEEK -> key -> key;
    };
    return rows.stream().map(row -> row.labelled(label.apply(row.group()))).toList();
  }

  /** A key such as "first-contact" or "lead-routing" in words: "First contact", "Lead routing". */
  static String words(String key) {
    if (key == null || key.isEmpty()) {
      return key;
    }
    String spaced = key.replace('-', ' ').replace('_', ' ');
    return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
  }
}
