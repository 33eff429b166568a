package io.slaflow.notify;

import io.slaflow.org.Person;
import java.util.List;

/**
 * One alert to deliver. The key identifies the alert itself (for example SLA record + ladder step), so a retried
 * job that builds the same alert again finds it already sent.
 */
public record Message(
    String key, String ladderStep, String slaRecordId, List<Person> to, List<Person> cc, String subject,
    String body) {}
