package io.slaflow.notify;

import io.slaflow.org.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Plain, readable alert texts: the record, the stage, the due time in the recipients' time zones, a link. */
public final class AlertText {

  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH);

  private AlertText() {}

  /** The facts every alert about a stage shows. */
  public record StageFacts(String record, String stage, String policy, Instant dueAt, String ownerName,
      String taskLink) {}

  /**
   * @param headline what happened, e.g. "SLA warning"
   * @param action what the reader should do now
   */
  public static Message compose(String key, String step, String slaRecordId, String headline, String action,
      StageFacts facts, List<Person> to, List<Person> cc, Function<Person, ZoneId> zoneOf) {
    String subject = "[Slaflow] " + headline + ": " + facts.stage() + " - " + facts.record();
    StringBuilder body = new StringBuilder();
    body.append(headline).append('\n').append('\n');
    body.append("Record: ").append(facts.record()).append('\n');
    body.append("Stage:  ").append(facts.stage()).append('\n');
    body.append("Owner:  ").append(facts.ownerName()).append('\n');
    body.append("SLA:    ").append(facts.policy()).append('\n');
    for (ZoneId zone : zones(to, cc, zoneOf)) {
      body.append("Due:    ").append(DUE.format(facts.dueAt().atZone(zone))).append(" (").append(zone).append(")\n");
    }
    body.append('\n').append(action).append('\n');
    if (facts.taskLink() != null) {
      body.append('\n').append("Open the task in Tasklist: ").append(facts.taskLink()).append('\n');
    }
    return new Message(key, step, slaRecordId, to, cc, subject, body.toString());
  }

  /**
   * The alert goes out late, at {@code sentAt}, after the instant its rung fell due ({@code message.dueAt()}): the
   * text says both, in each reader's zone, so that nobody takes a warning sent at 15:31 for one about 15:31.
   */
  public static Message sentLate(Message message, Instant sentAt, Function<Person, ZoneId> zoneOf) {
    StringBuilder late = new StringBuilder();
    for (ZoneId zone : zones(message.to(), message.cc(), zoneOf)) {
      late.append("Sent late: due at ").append(DUE.format(message.dueAt().atZone(zone))).append(", sent at ")
          .append(DUE.format(sentAt.atZone(zone))).append(" (").append(zone).append(")\n");
    }
    late.append("Slaflow could not send it on time: after an outage, or an SLA change that moved it into the past.\n")
        .append('\n');
    String body = message.body();
    int afterHeadline = body.indexOf("\n\n") + 2;
    return new Message(message.key(), message.ladderStep(), message.slaRecordId(), message.to(), message.cc(),
        message.subject(), body.substring(0, afterHeadline) + late + body.substring(afterHeadline), message.dueAt());
  }

  /**
   * How long is left until {@code dueAt}, on the wall clock, to the minute: "Due in 1 hour." or "Due in 1 day 2
   * hours 30 minutes."; "The due time has passed." for a warning caught up after it.
   */
  public static String dueIn(Instant dueAt, Instant now) {
    long minutes = (Duration.between(now, dueAt).getSeconds() + 30) / 60;
    if (minutes <= 0) {
      return "The due time has passed.";
    }
    List<String> parts = new ArrayList<>();
    addPart(parts, minutes / (24 * 60), "day");
    addPart(parts, minutes / 60 % 24, "hour");
    addPart(parts, minutes % 60, "minute");
    return "Due in " + String.join(" ", parts) + ".";
  }

  private static void addPart(List<String> parts, long count, String unit) {
    if (count > 0) {
      parts.add(count + " " + unit + (count == 1 ? "" : "s"));
    }
  }

  private static Set<ZoneId> zones(List<Person> to, List<Person> cc, Function<Person, ZoneId> zoneOf) {
    Set<ZoneId> zones = new LinkedHashSet<>();
    to.forEach(p -> zones.add(zoneOf.apply(p)));
    cc.forEach(p -> zones.add(zoneOf.apply(p)));
    return zones;
  }
}
