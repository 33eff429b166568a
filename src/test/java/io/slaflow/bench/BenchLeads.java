package io.slaflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** What the engine benchmarks share: leads posted as an intake system posts them, and percentiles. */
public final class BenchLeads {

  static final String ADMIN_PASSWORD = "bench-admin-secret";
  /** Two cores: four clients keep both busy while each waits for its answer. */
  static final int CLIENTS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private BenchLeads() {}

  /** The lead named {@code "Bench 00042"} for index 42: German demo requests, so they route to the Berlin team. */
  static String name(int index) {
    return String.format(Locale.ROOT, "Bench %05d", index);
  }

  /**
   * Posts leads {@code from} (inclusive) to {@code to} to {@code POST /api/leads} from {@link #CLIENTS} threads, as
   * the administrator; returns each lead's process instance id, in index order.
   */
  static List<String> post(String baseUrl, int from, int to) throws Exception {
    return post(baseUrl, from, to, index -> "DE");
  }

  /** As {@link #post(String, int, int)}, each lead from the country {@code country} gives for its index. */
  static List<String> post(String baseUrl, int from, int to, IntFunction<String> country) throws Exception {
    return parallel(to - from, i -> {
      String name = name(from + i);
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/leads"))
          .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name,
              "email", "bench@bench.example", "company", "Bench GmbH", "country", country.apply(from + i),
              "source", "demo-request")))).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 201) {
        throw new IllegalStateException(name + ": " + answer.statusCode() + " " + answer.body());
      }
      return JSON.readTree(answer.body()).get("processInstanceId").asText();
    });
  }

  /** {@code PUT} of a JSON body as the administrator, e.g. a team or a person of the organisation API. */
  static void put(String baseUrl, String path, Map<String, ?> body) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
    }
  }

  /** A throwing function of the index. */
  public interface Call<T> {
    T call(int index) throws Exception;
  }

  /** Runs {@code count} calls from {@link #CLIENTS} threads; returns their results in index order. */
  public static <T> List<T> parallel(int count, Call<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> call.call(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The p-th percentile (0 to 100) of the values, nearest rank. */
  static long percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
