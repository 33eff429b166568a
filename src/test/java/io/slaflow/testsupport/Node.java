package io.slaflow.testsupport;

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
public final class Node implements AutoCloseable {

  /** A node's connections: two nodes and the test JVM's own PostgreSQL contexts share the server's 100. */
  public static final int POOL = 20;

  private final String name;
  private final Process process;
  public final int port;
  public final Path log;
  private final long startedAt = System.nanoTime();
  private Duration startup;

  private Node(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Slaflow on PostgreSQL database {@code database}, its mail to localhost:{@code smtpPort}, demo org loaded. */
  public static Node start(String name, String database, int smtpPort, String adminPassword,
      Map<String, String> settings) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres",
        "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort,
        "--slaflow.admin.password=" + adminPassword, "--slaflow.demo.enabled=true",
        "--slaflow.demo.history=false", "--slaflow.demo.password=cluster-demo-secret",
        "--spring.datasource.hikari.maximum-pool-size=" + POOL));
    settings.forEach((key, value) -> args.add("--" + key + "=" + value));
    return launch(name, "io.slaflow.SlaflowApplication", args, Map.of(
        "SLAFLOW_DB_URL", TestPostgres.SERVER + database, "SLAFLOW_DB_USER", "postgres"));
  }

  /** Any Spring Boot application of the test class path, on a free port, with the same JVM settings. */
  public static Node launch(String name, String mainClass, List<String> args, Map<String, String> environment)
      throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = Files.createDirectories(Path.of("target", "cluster")).resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path")));
    if (Boolean.getBoolean("bench.jfr")) {
      // -Dbench.jfr=true: each node records a profile beside its log, for Java Mission Control or the jfr tool.
      command.add("-XX:FlightRecorderOptions:stackdepth=256");
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + log.resolveSibling(name + ".jfr"));
    }
    command.addAll(List.of(mainClass, "--server.port=" + port));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new Node(name, builder.start(), port, log);
  }

  /** Waits until the node answers its health check as UP. */
  public Node awaitUp(Duration timeout) throws Exception {
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
          startup = Duration.ofNanos(System.nanoTime() - startedAt);
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50); // fine-grained: the start-up time is a benchmark figure
    }
    throw new IllegalStateException(name + " not up within " + timeout + "; see " + log);
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** From starting the JVM to the first healthy answer (known after {@link #awaitUp}). */
  public Duration startup() {
    return startup;
  }

  /** The JVM's resident memory now, in MiB, as the operating system counts it. */
  public double residentMiB() throws IOException {
    try (var lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      return lines.filter(line -> line.startsWith("VmRSS:")).findFirst()
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0).orElseThrow();
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop; its locked jobs stay locked until their lock expires. */
  public void kill() throws InterruptedException {
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
