package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Alerts sent one after another from one thread share one SMTP connection, counted where the mail server accepts
 * them (a relay in front of GreenMail counts the connections it is asked for). No engine, no Spring context.
 */
class SmtpConnectionsTest {

  private GreenMail server;
  private Relay relay;
  private SmtpConnections connections;

  @BeforeEach
  void start() throws IOException {
    server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    relay = new Relay(server.getSmtp().getPort());
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(relay.port());
    connections = new SmtpConnections(sender);
  }

  @AfterEach
  void stop() throws IOException {
    connections.close();
    relay.close();
    server.stop();
  }

  @Test
  void alertsFromOneThreadShareOneConnection() throws Exception {
    for (int i = 1; i <= 5; i++) {
      connections.send(alert("Alert " + i));
    }
    assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .containsExactly("Alert 1", "Alert 2", "Alert 3", "Alert 4", "Alert 5");
    assertThat(relay.connections()).isEqualTo(1);
  }

  @Test
  void eachSendingThreadHasItsOwnConnection() throws Exception {
    connections.send(alert("From the first thread"));
    Thread other = new Thread(() -> connections.send(alert("From another thread")));
    other.start();
    other.join();
    connections.send(alert("From the first thread again"));

    assertThat(server.getReceivedMessages()).hasSize(3);
    assertThat(relay.connections()).isEqualTo(2);
  }

  @Test
  void aConnectionTheServerDroppedIsReplacedBeforeTheNextAlert() throws Exception {
    connections.send(alert("Before the restart"));
    relay.dropAll();
    connections.send(alert("After the restart"));

    assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .containsExactly("Before the restart", "After the restart");
    assertThat(relay.connections()).isEqualTo(2);
  }

  @Test
  void aMailServerThatIsDownFailsTheSendNamingTheCause() throws Exception {
    connections.send(alert("Before"));
    relay.close();
    server.stop();

    assertThatThrownBy(() -> connections.send(alert("While down"))).isInstanceOf(MailSendException.class)
        .hasMessageStartingWith("Mail server connection failed").hasMessageContaining("Connection refused");
  }

  private static MimeMessage alert(String subject) {
    try {
      MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
      mail.setFrom(new InternetAddress("slaflow@localhost"));
      mail.setRecipient(RecipientType.TO, new InternetAddress("rep@slaflow.example"));
      mail.setSubject(subject);
      mail.setText("Body of " + subject);
      return mail;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** Passes connections on to the mail server and counts them; can cut them all, as a server restart does. */
  private static final class Relay implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0);
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    Relay(int target) throws IOException {
      Thread acceptor = new Thread(() -> {
        while (!listener.isClosed()) {
          try {
            Socket client = listener.accept();
            accepted.incrementAndGet();
            Socket upstream = new Socket("127.0.0.1", target);
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    int connections() {
      return accepted.get();
    }

    void dropAll() throws IOException {
      for (Socket socket : open) {
        socket.close();
      }
      open.clear();
    }

    private static void pipe(Socket from, Socket to) {
      Thread copy = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // one side closed
        } finally {
          try {
            to.close();
          } catch (IOException ignored) {
            // closed already
          }
        }
      });
      copy.setDaemon(true);
      copy.start();
    }

    @Override
    public void close() throws IOException {
      listener.close();
      dropAll();
    }
  }
}
