package io.slaflow.org;

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
      PersonEntry manager,
      List<PersonEntry> reps) {}

  record PersonEntry(
      String id, String firstName, String lastName, String email, List<String> territories, List<String> products) {}
}
