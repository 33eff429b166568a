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

  public enum Role {
    REP,
    MANAGER
  }

  /** A mailbox outside the organisation that alerts go to, such as marketing's. */
  public static Person mailbox(String id, String name, String email) {
    return new Person(id, name, "", email, Role.REP, null, List.of(), List.of(), 0, null);
  }

  public String displayName() {
    return firstName + " " + lastName;
  }
}
