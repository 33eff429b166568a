package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.SlaflowTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The SLA policy table's latest version is read once per transaction, however often a lead's intake asks. */
class SlaPolicyTableTest extends SlaflowTest {

  @Autowired DecisionService decisionService;
  @Autowired RepositoryService repositoryService;
  @Autowired TransactionTemplate transactions;

  @Test
  void aTransactionReadsTheLatestTableOnce() {
    AtomicInteger reads = new AtomicInteger();
    RepositoryService counting = (RepositoryService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RepositoryService.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("createDecisionDefinitionQuery")) {
            reads.incrementAndGet();
          }
          try {
            return method.invoke(repositoryService, arguments);
          } catch (InvocationTargetException failed) {
            throw failed.getCause();
          }
        });
    SlaPolicyTable table = new SlaPolicyTable(decisionService, counting);
    Map<String, Object> demoRequest = new HashMap<>(Map.of("unit", "lead-routing", "stage", "first-contact",
        "source", "demo-request", "queued", false));
    demoRequest.put("intent", null);
    demoRequest.put("priority", null);

    SlaPolicy inOne = transactions.execute(tx -> {
      assertThat(table.namedValues().get("source")).contains("demo-request", "web-form");
      return table.lookup(demoRequest);
    });
    assertThat(reads).hasValue(1);
    assertThat(table.lookup(demoRequest)).isEqualTo(inOne);
    assertThat(table.namedValues().get("source")).contains("demo-request");
    assertThat(reads).as("outside a transaction, each call reads").hasValue(3);
  }
}
