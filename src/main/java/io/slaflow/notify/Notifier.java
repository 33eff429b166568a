package io.slaflow.notify;

import io.slaflow.org.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Delivers alerts by email. With no SMTP server configured (no {@code spring.mail.host}), alerts go to the
 * notification log and the console only. A delivery failure is thrown, so the calling job retries and, after the
 * last retry, becomes an incident.
 */
@Service
public class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final ObjectProvider<JavaMailSender> mailSender;
  private final NotificationLog notificationLog;
  private final String from;

  public Notifier(
      ObjectProvider<JavaMailSender> mailSender,
      NotificationLog notificationLog,
      @Value("${slaflow.mail.from:slaflow@localhost}") String from) {
    this.mailSender = mailSender;
    this.notificationLog = notificationLog;
    this.from = from;
  }

  public void send(Message message) {
    if (notificationLog.alreadyDelivered(message.key())) {
      log.info("Alert {} was delivered before; not sending it again", message.key());
      return;
    }
    if (message.to().isEmpty()) {
      // Nobody to tell (a team without a manager, a manager without a manager): logged, not an incident.
      log.warn("Alert {} has no recipient; logged only", message.key());
      notificationLog.delivered(message, "log", "no-recipient");
      return;
    }
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      log.info("No SMTP server configured; alert logged only.\nTo: {}\nCc: {}\nSubject: {}\n\n{}",
          addresses(message.to()), addresses(message.cc()), message.subject(), message.body());
      notificationLog.delivered(message, "log", "logged");
      return;
    }
    SimpleMailMessage mail = new SimpleMailMessage();
    mail.setFrom(from);
    mail.setTo(addresses(message.to()));
    if (!message.cc().isEmpty()) {
      mail.setCc(addresses(message.cc()));
    }
    mail.setSubject(message.subject());
    mail.setText(message.body());
    sender.send(mail);
    notificationLog.delivered(message, "email", "sent");
  }

  private static String[] addresses(java.util.List<Person> people) {
    return people.stream().map(Person::email).toArray(String[]::new);
  }
}
