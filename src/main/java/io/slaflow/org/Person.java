package io.slaflow.org;

import java.util.List;

/** A rep or manager of a team; the same id is their Camunda user id. */
public record Person(
    String id,
    String firstName,
    String lastName,
    String email,
    Role role,
    String teamId,
    List<String> territories,
    List<String> products,
    int capacity,
    String reportsTo) {

  /**
   * What a person does. A process owner owns the BPMN, forms and SLA policy: deploys and recomputes, reads every
   * team's reports, and works no queue; their team is the department they belong to.
   */
  public enum Role {
    REP,
    MANAGER,
    PROCESS_OWNER
  }

  /** A mailbox outside the organisation that alerts go to, such as marketing's. */
  public static Person mailbox(String id, String name, String email) {
    return new Person(id, name, "", email, Role.REP, null, List.of(), List.of(), 0, null);
  }

  public String displayName() {
    return firstName + " " + lastName;
  }
}
