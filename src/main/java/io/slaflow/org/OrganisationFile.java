package io.slaflow.org;

import java.time.LocalDate;
import java.util.List;

/** The shape of the demo organisation YAML file. */
record OrganisationFile(List<TeamEntry> teams) {

  record TeamEntry(
      String id,
      String name,
      String timeZone,
      String opens,
      String closes,
      List<String> workingDays,
      String holidayCountry,
      String holidayRegion,
      String slackWebhookUrl,
      OwnHours ownHours,
      PersonEntry manager,
      String managedBy,
      List<PersonEntry> reps) {}

  record PersonEntry(
      String id, String firstName, String lastName, String email, List<String> territories, List<String> products,
      Integer capacity, List<Away> outOfOffice, String reportsTo) {}

  /** Days away, both inclusive, e.g. { from: 2026-12-21, to: 2027-01-01 }. */
  record Away(LocalDate from, LocalDate to) {}
}
