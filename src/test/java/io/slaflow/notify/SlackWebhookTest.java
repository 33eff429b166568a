package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.testsupport.WebhookReceiver;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How long a Slack post waits before it tries again, and when it gives up: no engine, no Spring. */
class SlackWebhookTest {

  private final SlackWebhook slack =
      new SlackWebhook(3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));

  @Test
  void withoutRetryAfterTheWaitDoublesFromTheBaseDelayUpToTheCap() {
    assertThat(slack.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(slack.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(slack.delayAfter(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    assertThat(slack.delayAfter(4, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aRateLimitsRetryAfterIsHonouredUpToTheCap() {
    assertThat(slack.delayAfter(1, Optional.of("3"))).isEqualTo(Duration.ofSeconds(3));
    assertThat(slack.delayAfter(1, Optional.of("0"))).isEqualTo(Duration.ZERO);
    assertThat(slack.delayAfter(1, Optional.of("120"))).as("capped: the job must not hang").isEqualTo(
        Duration.ofSeconds(5));
  }

  @Test
  void aRetryAfterThatIsNotInSecondsFallsBackToTheBackoff() {
    assertThat(slack.delayAfter(2, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aWebhookNobodyAnswersFailsAfterItsAttemptsWithoutNamingTheUrl() {
    WebhookReceiver gone = new WebhookReceiver();
    String url = gone.url();
    gone.close();
    SlackWebhook quick = new SlackWebhook(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2));

    assertThatThrownBy(() -> quick.post(url, "hello", "Slack channel of team-test"))
        .isInstanceOf(SlackWebhook.DeliveryFailed.class)
        .hasMessageStartingWith("Slack channel of team-test failed 3 times, last with")
        .hasMessageNotContaining("secret");
  }
}
