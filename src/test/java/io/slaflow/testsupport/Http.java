package io.slaflow.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
    String boundary = "slaflow-" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    return send(request(path, user, password).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
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
}
