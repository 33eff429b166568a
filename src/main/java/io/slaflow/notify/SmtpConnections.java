package io.slaflow.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection per sending thread, kept open from one alert to the next. Spring's sender opens a connection,
 * greets the server and quits for every message; in a burst of thousands of alerts those round trips cost more than
 * the messages. Before each message a kept connection is asked whether it is still there (SMTP's NOOP, one round
 * trip), and one idle for longer than {@link #IDLE} is replaced (mail servers drop idle clients after a minute or
 * more). A connection that fails is closed and the failure thrown: the job retries, on a new connection.
 */
final class SmtpConnections implements AutoCloseable {

  static final Duration IDLE = Duration.ofSeconds(10);
  private static final String ANGUS_STREAMS = "org.eclipse.angus.mail.util.MailStreamProvider";

  private final JavaMailSenderImpl sender;
  private final ThreadLocal<Kept> kept = new ThreadLocal<>();
  private final Set<Transport> open = ConcurrentHashMap.newKeySet();

  private static final class Kept {
    final Transport transport;
    long lastUsed;

    Kept(Transport transport) {
      this.transport = transport;
      this.lastUsed = System.nanoTime();
    }
  }

  SmtpConnections(JavaMailSenderImpl sender) {
    this.sender = sender;
    nameStreamProvider();
  }

  /**
   * Jakarta Mail (2.1) looks up its stream provider with a ServiceLoader, a scan of the class path, each time it
   * writes a message part: twice per alert, half the CPU of writing an alert to the mail server in a burst. Naming
   * the provider in the system property it reads first makes that lookup a constructor call. Left alone when the
   * property is set already, and taken back when the named provider does not load here.
   */
  static void nameStreamProvider() {
    String property = StreamProvider.class.getName();
    if (System.getProperty(property) != null) {
      return;
    }
    System.setProperty(property, ANGUS_STREAMS);
    try {
      StreamProvider.provider();
    } catch (RuntimeException e) {
      System.clearProperty(property);
    }
  }

  void send(MimeMessage message) {
    Kept connection;
    try {
      message.saveChanges();
      connection = usable(kept.get());
    } catch (MessagingException e) {
      throw new MailSendException("Mail server connection failed: " + causes(e), e);
    }
    try {
      connection.transport.sendMessage(message, message.getAllRecipients());
      connection.lastUsed = System.nanoTime();
    } catch (MessagingException | RuntimeException e) {
      drop(connection);
      throw new MailSendException("Mail server did not take the alert: " + causes(e), e);
    }
  }

  /** The thread's connection if it is still good to use, otherwise a new one. */
  private Kept usable(Kept connection) throws MessagingException {
    if (connection != null) {
      if (System.nanoTime() - connection.lastUsed < IDLE.toNanos() && connection.transport.isConnected()) {
        return connection;
      }
      drop(connection);
    }
    return connect();
  }

  private Kept connect() throws MessagingException {
    // As Spring's sender picks the protocol: its own, the session's, or SMTP.
    String protocol = Objects.requireNonNullElse(sender.getProtocol(),
        Objects.requireNonNullElse(sender.getSession().getProperty("mail.transport.protocol"), "smtp"));
    Transport transport = sender.getSession().getTransport(protocol);
    transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
    open.add(transport);
    Kept connection = new Kept(transport);
    kept.set(connection);
    return connection;
  }

  private void drop(Kept connection) {
    kept.remove();
    open.remove(connection.transport);
    quietlyClose(connection.transport);
  }

  /** The failure and what lies under it, e.g. "Couldn't connect to host, port: ...; Connection refused". */
  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append("; ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  private static void quietlyClose(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // closing a connection that is gone already
    }
  }

  @Override
  public void close() {
    open.forEach(SmtpConnections::quietlyClose);
    open.clear();
  }
}
