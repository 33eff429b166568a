package io.slaflow.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.org.Team;
import jakarta.annotation.PreDestroy;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/**
 * Delivers alerts by email, and to the Slack channel of each recipient's team that has one. With no SMTP server
 * configured (no {@code spring.mail.host}), the email part goes to the notification log and the console only.
 *
 * <p>Each channel is a delivery of its own in the notification log, so a retry sends only what has not gone out yet.
 * A channel that fails does not hold the others back: they are tried, then the failure is thrown, so that the calling
 * job retries and, after the last retry, becomes an incident.
 */
@Service
public class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final JavaMailSender mailSender;
  private final NotificationLog notificationLog;
  private final Organisation organisation;
  private final SlackWebhook slack;
  private final MeterRegistry meters;
  private final String from;
  /** The SMTP connections each job thread keeps open; null without an SMTP server. */
  private final SmtpConnections connections;

  public Notifier(
      ObjectProvider<JavaMailSender> mailSender,
      NotificationLog notificationLog,
      Organisation organisation,
      SlackWebhook slack,
      MeterRegistry meters,
      @Value("${slaflow.mail.from:slaflow@localhost}") String from) {
    // Looked up once: resolving the provider on every alert cost a burst as much as building the message.
    this.mailSender = mailSender.getIfAvailable();
    this.connections = this.mailSender instanceof JavaMailSenderImpl smtp ? new SmtpConnections(smtp) : null;
    this.notificationLog = notificationLog;
    this.organisation = organisation;
    this.slack = slack;
    this.meters = meters;
    this.from = from;
  }

  /**
   * An alert that did not go out on some channel, after this class logged each failed delivery in one line: the
   * message is the first failure's (the incident's message in Cockpit), the failures are its cause and suppressed.
   */
  public static class NotDelivered extends RuntimeException {
    NotDelivered(RuntimeException first) {
      super(first.getMessage(), first);
    }
  }

  public void send(Message message) {
    List<RuntimeException> failures = new ArrayList<>();
    attempt(() -> email(message), message, "email", teamsOf(message), failures);
    for (Team team : teamsWithSlack(message)) {
      attempt(() -> slack(message, team), message, "slack", team.id(), failures);
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw new NotDelivered(first);
    }
  }

  private void attempt(Runnable delivery, Message message, String channel, String team,
      List<RuntimeException> failures) {
    try {
      delivery.run();
    } catch (RuntimeException e) {
      meters.counter("slaflow.alerts.failed", "channel", channel).increment();
      failures.add(e);
      logFailure(message, channel, team, e);
    }
  }

  /**
   * One line per failed delivery, no stack trace: a mail server or Slack that is down is expected, and the job's
   * retries deal with it (WARN). Only the last retry's failure needs an operator (ERROR): it becomes an incident.
   */
  private void logFailure(Message message, String channel, String team, RuntimeException e) {
    JobAttempt attempt = JobAttempt.current();
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
    if (attempt.lastRetry()) {
      log.error("Alert {} not delivered by {} to team {} (attempt {}, no retries left: an incident in Cockpit, retry it"
          + " there once the cause is fixed): {}", message.key(), channel, team, attempt.number(), reason);
    } else {
      log.warn("Alert {} not delivered by {} to team {} (attempt {}, {}): {}", message.key(), channel, team,
          attempt.number(), attempt.retriesLeftText(), reason);
    }
  }

  /** The teams of the alert's recipients, e.g. "team-berlin", for the log. */
  private static String teamsOf(Message message) {
    List<String> teams = message.to().stream().map(Person::teamId).filter(Objects::nonNull).distinct().toList();
    return teams.isEmpty() ? "none" : String.join(",", teams);
  }

  private void email(Message message) {
    if (notificationLog.alreadyDelivered(message.key())) {
      log.info("Alert {} was delivered before; not sending it again", message.key());
      return;
    }
    if (message.to().isEmpty()) {
      // Nobody to tell (a team without a manager, a manager without a manager): logged, not an incident.
      log.warn("Alert {} has no recipient; logged only", message.key());
      delivered(message, message.key(), "log", "", emails(message.cc()), "no-recipient");
      return;
    }
    if (mailSender == null) {
      log.info("No SMTP server configured; alert logged only.\nTo: {}\nCc: {}\nSubject: {}\n\n{}",
          addresses(message.to()), addresses(message.cc()), message.subject(), message.body());
      delivered(message, message.key(), "log", emails(message.to()), emails(message.cc()), "logged");
      return;
    }
    if (connections != null) {
      connections.send(mail(message));
    } else {
      mailSender.send(mail(message));
    }
    delivered(message, message.key(), "email", emails(message.to()), emails(message.cc()), "sent");
  }

  @PreDestroy
  void closeConnections() {
    if (connections != null) {
      connections.close();
    }
  }

  /**
   * The alert as one email whose Message-ID is derived from the alert's key. If a node dies after the mail server
   * accepted the alert but before the notification log recorded it, the node that retries the job sends it again:
   * as the same message, which mailboxes show once.
   */
  private MimeMessage mail(Message message) {
    // Written with Jakarta Mail directly: Spring's MimeMessageHelper builds a MIME type map for every message it
    // wraps (scanning the class path for mime.types), a fifth of an alert job's CPU in a burst of 10,000 warnings.
    try {
      MimeMessage mail = new AlertMimeMessage(messageId(message.key(), from));
      mail.setFrom(new InternetAddress(from));
      mail.setRecipients(RecipientType.TO, emails(message.to()));
      if (!message.cc().isEmpty()) {
        mail.setRecipients(RecipientType.CC, emails(message.cc()));
      }
      mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mail.setText(message.body(), StandardCharsets.UTF_8.name());
      mail.setSentDate(new Date());
      return mail;
    } catch (MessagingException e) {
      throw new MailPreparationException("Cannot write alert " + message.key() + " as an email", e);
    }
  }

  /** {@code <hash-of-key.alert@domain-of-from>}: the same alert always gets the same Message-ID. */
  public static String messageId(String key, String from) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".alert@" + from.substring(from.indexOf('@') + 1) + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /** A MIME message that keeps the Message-ID it was given; JavaMail would make a new one on every send. */
  private static final class AlertMimeMessage extends MimeMessage {
    private final String messageId;

    AlertMimeMessage(String messageId) {
      super((Session) null);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  private void slack(Message message, Team team) {
    String key = slackKey(message, team);
    if (notificationLog.alreadyDelivered(key)) {
      log.info("Alert {} was posted to {}'s Slack channel before; not posting it again", message.key(), team.id());
      return;
    }
    slack.post(team.slackWebhookUrl(), slackText(message), "Slack channel of " + team.id());
    delivered(message, key, "slack", team.id(), null, "sent");
  }

  /** The Slack delivery's own idempotency key, beside the email's (the alert's key). */
  static String slackKey(Message message, Team team) {
    return message.key() + ":slack:" + team.id();
  }

  /**
   * The teams of everybody the alert goes to (or copies) that have a Slack webhook, each channel once: teams that share
   * a channel (one webhook URL) get one post, under the first such team's delivery key, not one per team.
   */
  private List<Team> teamsWithSlack(Message message) {
    Map<String, Team> byWebhook = new LinkedHashMap<>();
    Stream.concat(message.to().stream(), message.cc().stream())
        .map(Person::teamId).filter(Objects::nonNull).distinct()
        .map(organisation::team).flatMap(Optional::stream)
        .filter(team -> team.slackWebhookUrl() != null)
        .forEach(team -> byWebhook.putIfAbsent(team.slackWebhookUrl(), team));
    return List.copyOf(byWebhook.values());
  }

  /** The alert as Slack shows it: the subject in bold over the body (whose last line is the task link). */
  static String slackText(Message message) {
    return "*" + slackEscaped(message.subject()) + "*\n\n" + slackEscaped(message.body());
  }

  /** Slack reads &, < and > as markup (e.g. "<jane@acme.example>" as a link), so text carries them escaped. */
  private static String slackEscaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private void delivered(Message message, String key, String channel, String recipients, String copied,
      String status) {
    notificationLog.delivered(key, message, channel, recipients, copied, status);
    String step = message.ladderStep() == null ? "none" : message.ladderStep();
    meters.counter("slaflow.alerts.sent", "channel", channel, "step", step).increment();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant dueAt = message.dueAt() == null || message.dueAt().isAfter(now) ? now : message.dueAt();
    lag(channel).record(Duration.between(dueAt, now));
  }

  /** From the instant an alert fell due to its delivery: job executor delay, retries and outages all show here. */
  private Timer lag(String channel) {
    return Timer.builder("slaflow.alert.lag")
        .description("Time from an alert falling due to its delivery")
        .tag("channel", channel)
        .publishPercentileHistogram()
        // Seconds when all is well; minutes to hours across retries and incidents.
        .minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofHours(12))
        .register(meters);
  }

  private static String emails(List<Person> people) {
    return String.join(",", people.stream().map(Person::email).toList());
  }

  private static String[] addresses(List<Person> people) {
    return people.stream().map(Person::email).toArray(String[]::new);
  }
}
