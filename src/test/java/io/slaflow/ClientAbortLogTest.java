package io.slaflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.SlaflowTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A browser that closes a tab while an answer is on its way ("Broken pipe") is no failure of ours: it is one DEBUG
 * line, not an ERROR with a stack trace of a hundred lines, at every door. Here the log is the feature, so the test
 * reads it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientAbortLogTest extends SlaflowTest {

  private static final String DEBUG_LINE = "The client went away before the answer was complete";

  private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

  /** The DEBUG line shows that each answer really was cut off mid-way: without it the test would prove nothing. */
  @BeforeEach
  void showTheDebugLine() {
    logging.setLogLevel(QuietLogs.class.getName(), LogLevel.DEBUG);
  }

  @AfterEach
  void backToInfo() {
    logging.setLogLevel(QuietLogs.class.getName(), null);
  }

  @Test
  void aClientThatHangsUpMidAnswerIsOneDebugLineAndNoErrorAtTheEngineRestApiAndTheWebapps(CapturedOutput output)
      throws Exception {
    // The webapps' largest script (about 3.8 MB), which Cockpit, Tasklist and Admin load first.
    hangUpMidAnswer("/camunda/lib/deps.js", null, null, 3);
    // The sales pipeline's BPMN as JSON from the engine REST API (Jersey): about 190 KB, far more than the client's
    // tiny receive window takes.
    hangUpMidAnswer("/engine-rest/process-definition/key/sales-pipeline/xml", "admin", ADMIN_PASSWORD, 40);

    awaitLine(output, "reported by org.glassfish.jersey.server.ServerRuntime$Responder");
    assertThat(output.getOut()).contains(DEBUG_LINE + " (ClientAbortException: ");
    assertNoErrorOrStackTrace(output);
  }

  /**
   * Asks for the path {@code times} times on one connection (HTTP/1.1 pipelining), reads the first bytes of the
   * answer, then resets the connection (what a closed tab does). The answers together must outgrow the server's
   * socket send buffer (Linux grows it up to 4 MB, tcp_wmem): an answer that fits in it is, for the server, sent
   * whole, and nothing is cut off to report.
   */
  private void hangUpMidAnswer(String path, String user, String password, int times) throws Exception {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(2048);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: identity\r\n"
          + (user == null ? "" : "Authorization: Basic " + Base64.getEncoder().encodeToString(
              (user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n")
          + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.repeat(times).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(200);
      assertThat(new String(start, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
      socket.setSoLinger(true, 0);
    }
  }

  /** The server notices the reset on its next write, on its own thread: wait for what it logs, up to 10 s. */
  private static void awaitLine(CapturedOutput output, String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!output.getOut().contains(text) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(output.getOut()).contains(text);
  }

  private static void assertNoErrorOrStackTrace(CapturedOutput output) {
    List<String> lines = output.getAll().lines().toList();
    assertThat(lines).noneMatch(line -> line.contains(" ERROR "));
    assertThat(lines).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by: ")
        || line.matches("[a-z]+(\\.[A-Za-z0-9_$]+)+(Exception|Error)(: .*)?"));
  }
}
