package io.slaflow.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a Slack incoming webhook on this machine: it records every post and answers 200 "ok", or what the
 * test scripted for the next posts (a rate limit, a server error, a refusal).
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A post as received: the {@code text} of its JSON body, its content type and the status it was answered with. */
  public record Post(String text, String contentType, int status) {}

  /** An answer the test scripted. */
  private record Answer(int status, String body, String retryAfter) {}

  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/services/T000/B000/secret", this::receive);
    server.start();
  }

  /** The webhook URL to give a team. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/secret";
  }

  /** The next {@code times} posts are answered with this status (and Retry-After header, when not null). */
  public void answer(int status, String body, String retryAfter, int times) {
    for (int i = 0; i < times; i++) {
      scripted.add(new Answer(status, body, retryAfter));
    }
  }

  public List<Post> posts() {
    return List.copyOf(posts);
  }

  /** The texts of the posts that were answered with 200, that is, that reached the channel. */
  public List<String> delivered(String about) {
    return posts.stream().filter(p -> p.status() == 200 && p.text().contains(about)).map(Post::text).toList();
  }

  private void receive(HttpExchange exchange) throws IOException {
    String text = JSON.readTree(exchange.getRequestBody()).path("text").asText(null);
    Answer answer = scripted.poll();
    if (answer == null) {
      answer = new Answer(200, "ok", null);
    }
    posts.add(new Post(text, exchange.getRequestHeaders().getFirst("Content-Type"), answer.status()));
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
