package io.slaflow.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small HTTP client for black-box tests against the running application. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final int port;

  public Http(int port) {
    this.port = port;
  }

  public HttpResponse<String> get(String path, String user, String password) {
    return send(request(path, user, password).GET().build());
  }

  public HttpResponse<String> postJson(String path, String json, String user, String password, String... headers) {
    HttpRequest.Builder builder = request(path, user, password)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  public HttpResponse<String> putJson(String path, String json, String user, String password) {
    return send(request(path, user, password).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> delete(String path, String user, String password) {
    return send(request(path, user, password).DELETE().build());
  }

  /** Any method with any body, e.g. bytes that are not UTF-8, or a stream sent in chunks without a length. */
  public HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String user,
      String password, String... headers) {
    HttpRequest.Builder builder = request(path, user, password).method(method, body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  /** A multipart upload of one file, as the engine REST API's deployment endpoint takes it. */
  public HttpResponse<String> postFile(String path, String fileName, String content, String user, String password) {
    return postMultipart(path, Map.of("deployment-name", "probe"), Map.of(fileName, content), user, password);
  }

  /** A multipart form of text fields and files, as Camunda Modeler's deploy button sends it. */
  public HttpResponse<String> postMultipart(String path, Map<String, String> fields, Map<String, String> files,
      String user, String password) {
    String boundary = "slaflow-" + System.nanoTime();
    StringBuilder body = new StringBuilder();
    fields.forEach((name, value) -> body.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
        .append("\r\n"));
    files.forEach((name, content) -> body.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"; filename=\"").append(name)
        .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n").append(content).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return send(request(path, user, password).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  private HttpRequest.Builder request(String path, String user, String password) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.header("Authorization", "Basic " + token);
    }
    return builder;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer read off the socket: the status, each header's first value (names in lowercase), the body. */
  public record Answer(int statusCode, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      return values.isEmpty() ? null : values.get(0);
    }

    /** The value of a cookie the server set, or null. */
    public String cookie(String name) {
      for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
        if (cookie.startsWith(name + "=")) {
          return cookie.substring(name.length() + 1).split(";")[0];
        }
      }
      return null;
    }
  }

  /**
   * A request sent from another address of this machine ({@code 127.0.0.2} and up are all loopback on Linux): the
   * server sees it as coming from another client, as the login throttle counts by address. HTTP/1.0, so that the
   * server closes the connection after one answer.
   */
  public Answer sendFrom(String localAddress, String method, String path, String user, String password,
      Map<String, String> headers, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
    if (user != null) {
      head.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(localAddress), 0)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        answerHeaders.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, text.substring(end + 4));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
