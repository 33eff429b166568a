package io.slaflow.testsupport;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the seed of this run's random test order (junit-platform.properties) and the day the tests believe it is
 * ({@link TestToday}), with the command that repeats both: a red run in one order can be replayed.
 */
public final class TestOrderSeed implements TestExecutionListener {

  static final String SEED = "junit.jupiter.execution.order.random.seed";

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    String seed = testPlan.getConfigurationParameters().get(SEED).orElse("(JUnit's own, not repeatable)");
    System.out.printf("%nSlaflow tests: random order, seed %s; today is %s. The same run again: "
        + "mvn verify -Dslaflow.test.seed=%s%s%n%n", seed, TestToday.describe(), seed, TestToday.option());
  }
}
