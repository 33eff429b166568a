package io.slaflow.notify;

import io.slaflow.org.Person;
import java.time.Instant;
import java.util.List;

/**
 * One alert to deliver. The key identifies the alert itself (for example SLA record + ladder step), so a retried
 * job that builds the same alert again finds it already sent. {@code dueAt} is when the alert fell due (a ladder
 * timer's instant), from which the alert lag metric counts; null when there is no such instant (then: now).
 */
public record Message(
    String key, String ladderStep, String slaRecordId, List<Person> to, List<Person> cc, String subject,
    String body, Instant dueAt) {

  /** An alert that falls due when it is sent. */
  public Message(String key, String ladderStep, String slaRecordId, List<Person> to, List<Person> cc, String subject,
      String body) {
    this(key, ladderStep, slaRecordId, to, cc, subject, body, null);
  }

  public Message withDueAt(Instant instant) {
    return new Message(key, ladderStep, slaRecordId, to, cc, subject, body, instant);
  }
}
