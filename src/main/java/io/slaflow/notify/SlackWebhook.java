package io.slaflow.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts text to a Slack incoming webhook. A rate limit (429, honouring Retry-After) or a server error is retried a
 * few times within the call, briefly; if it persists the call throws, so the job retries later and at last becomes
 * an incident. Any other refusal (a wrong or revoked URL) is a configuration error, thrown at once.
 */
@Component
public class SlackWebhook {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The post did not go through. The message never contains the URL: it is a credential, and Cockpit shows it. */
  public static class DeliveryFailed extends RuntimeException {
    DeliveryFailed(String message) {
      super(message);
    }
  }

  private final HttpClient client;
  private final int attempts;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final Duration timeout;

  /**
   * @param attempts posts per call, the first included
   * @param retryDelay the wait after the first failed post; it doubles after each further one
   * @param maxRetryDelay the longest wait, also for a longer Retry-After
   * @param timeout for connecting and for the answer, each post
   */
  public SlackWebhook(
      @Value("${slaflow.slack.attempts:3}") int attempts,
      @Value("${slaflow.slack.retry-delay:PT1S}") Duration retryDelay,
      @Value("${slaflow.slack.max-retry-delay:PT5S}") Duration maxRetryDelay,
      @Value("${slaflow.slack.timeout:PT5S}") Duration timeout) {
    this.attempts = attempts;
    this.retryDelay = retryDelay;
    this.maxRetryDelay = maxRetryDelay;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** @param channel how failures name the destination, e.g. "Slack channel of team-berlin" */
  public void post(String url, String text, String channel) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json(text)))
        .build();
    String lastFailure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Optional<String> retryAfter = Optional.empty();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
        if (status != 429 && status < 500) {
          throw new DeliveryFailed(channel + " refused the alert with HTTP " + status + " (" + excerpt(response.body())
              + "); check the team's slackWebhookUrl");
        }
        lastFailure = "HTTP " + status;
        retryAfter = response.headers().firstValue("Retry-After");
      } catch (IOException e) {
        lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryFailed(channel + ": interrupted");
      }
      if (attempt < attempts) {
        pause(delayAfter(attempt, retryAfter));
      }
    }
    throw new DeliveryFailed(channel + " failed " + attempts + " times, last with " + lastFailure);
  }

  /** The wait after the n-th failed post: Retry-After when Slack gives one in seconds, else doubling; capped. */
  Duration delayAfter(int failedPosts, Optional<String> retryAfter) {
    Duration backoff = retryDelay.multipliedBy(1L << Math.min(failedPosts - 1, 16));
    Duration wanted = retryAfter.flatMap(SlackWebhook::seconds).orElse(backoff);
    return wanted.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : wanted;
  }

  private static Optional<Duration> seconds(String retryAfter) {
    try {
      long seconds = Long.parseLong(retryAfter.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException httpDate) {
      return Optional.empty(); // the HTTP-date form, which Slack does not send: the usual backoff will do
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailed("interrupted while waiting to retry a Slack post");
    }
  }

  private static String json(String text) {
    try {
      return JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String excerpt(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 100 ? oneLine.substring(0, 100) + "..." : oneLine;
  }
}
