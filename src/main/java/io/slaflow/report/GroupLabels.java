package io.slaflow.report;

import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.org.Team;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How the reports name their groups for people: "Ben Keller", not "ben.keller"; "First contact", not a key. */
@Component
public class GroupLabels {

  private final Organisation organisation;

  public GroupLabels(Organisation organisation) {
    this.organisation = organisation;
  }

  String of(AdherenceReport.GroupBy groupBy, String key) {
    return switch (groupBy) {
      case REP -> personName(key);
      case TEAM -> key == null ? "no team" : organisation.team(key).map(Team::name).orElse(key);
      case STAGE, UNIT -> words(key);
      case SOURCE, WEEK -> key;
    };
  }

  /** A rep's name; work nobody owned yet sat in the team queue. */
  String personName(String personId) {
    return personId == null ? "Team queue"
        : organisation.person(personId).map(Person::displayName).orElse(personId);
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
