package io.slaflow.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application node in its own JVM, started from the test's class path as an operator starts the jar: the
 * postgres profile, settings from the environment and command line, its log in a file under {@code target/}.
 */
final class Node implements AutoCloseable {

  private final String name;
  private final Process process;
  final int port;
  final Path log;

  private Node(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static Node start(String name, String database, int smtpPort, String adminPassword, Map<String, String> settings)
      throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = Files.createDirectories(Path.of("target", "cluster")).resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "io.slaflow.SlaflowApplication",
        "--spring.profiles.active=postgres", "--server.port=" + port,
        "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort,
        "--slaflow.admin.password=" + adminPassword, "--slaflow.demo.enabled=true",
        "--slaflow.demo.history=false", "--slaflow.demo.password=cluster-demo-secret",
        // Two nodes and the test JVM's own PostgreSQL contexts share the server's 100 connections.
        "--spring.datasource.hikari.maximum-pool-size=20"));
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("SLAFLOW_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
    builder.environment().put("SLAFLOW_DB_USER", "postgres");
    return new Node(name, builder.start(), port, log);
  }

  /** Waits until the node answers its health check as UP. */
  Node awaitUp(Duration timeout) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " stopped; see " + log);
      }
      try {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not up within " + timeout + "; see " + log);
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** SIGKILL: no shutdown hook, no graceful stop; its locked jobs stay locked until their lock expires. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }
}
