package io.slaflow.processowner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.IdentitySync;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each recipe of docs/process-owners.md, performed as a process owner performs it: the file in processes/ or forms/
 * is changed, the change is deployed through the engine REST API as Camunda Modeler's deploy button sends it, and the
 * effect is checked where reps and managers would notice it. Afterwards the repository's own files are deployed
 * again, so that the tests after these find the processes as they stand.
 */
class ProcessOwnerRecipesTest extends SlaflowTest {

  static final String OWNER = "olga.owner";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDateTime MONDAY_TEN = LocalDateTime.of(2026, 11, 30, 10, 0);
  private static final String FIRST_CONTACT = """
      {"variables": {
        "channel": {"value": "phone"}, "outcome": {"value": "connected"},
        "nextStep": {"value": "Book the demo"}, "nextStepDate": {"value": "2026-12-04"}%s}}""";

  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  private Http http;

  @BeforeEach
  void aProcessOwner() {
    http = new Http(port);
    if (identityService.createUserQuery().userId(OWNER).count() == 0) {
      User owner = identityService.newUser(OWNER);
      owner.setPassword(DEMO_PASSWORD);
      identityService.saveUser(owner);
      identityService.createMembership(OWNER, IdentitySync.PROCESS_OWNERS);
    }
    clearOpenWork();
    clockAt(MONDAY_TEN, BERLIN);
  }

  @AfterEach
  void deployTheRepositorysFilesAgain() {
    deploy(Map.of());
  }

  @Test
  void changeAnSlaTargetThenRecomputeTheOpenClocks() throws IOException {
    String name = uniqueName("Before");
    LeadIntake.Created before = createLead(name, "DE", "demo-request", "high", "crm-suite");
    assertThat(due(before)).isEqualTo(berlin(14, 0)); // 4 business hours

    DmnModelInstance policy = Dmn.readModelFromStream(Files.newInputStream(Path.of("processes/sla-policy.dmn")));
    text(policy, "LiteralExpression_DemoRequest_target", "\"PT2H\"");
    text(policy, "LiteralExpression_DemoRequest_policy", "\"Demo request: first response within 2 business hours\"");
    deploy(Map.of("processes/sla-policy.dmn", Dmn.convertToString(policy)));

    LeadIntake.Created after = createLead(uniqueName("After"), "DE", "demo-request", "high", "crm-suite");
    assertThat(due(after)).as("a lead arriving after the deployment").isEqualTo(berlin(12, 0));
    assertThat(due(before)).as("the open clock keeps its promise until recomputed").isEqualTo(berlin(14, 0));

    String request = "{\"unit\": \"lead-routing\", \"stage\": \"first-contact\", \"reason\": \"Demo SLA cut to 2h\"%s}";
    JsonNode preview = json(http.postJson("/api/sla/recompute", request.formatted(", \"dryRun\": true"), OWNER,
        DEMO_PASSWORD), 200);
    assertThat(preview.hasNonNull("runId")).as("a dry run leaves no audit").isFalse();
    assertThat(preview.get("changed")).singleElement().satisfies(change -> {
      assertThat(change.get("recordId").asText()).isEqualTo(before.leadId());
      assertThat(change.get("oldDueAt").asText()).isEqualTo(berlin(14, 0).toString());
      assertThat(change.get("newDueAt").asText()).isEqualTo(berlin(12, 0).toString());
    });
    assertThat(due(before)).as("a dry run changes nothing").isEqualTo(berlin(14, 0));

    JsonNode run = json(http.postJson("/api/sla/recompute", request.formatted(""), OWNER, DEMO_PASSWORD), 200);
    assertThat(run.get("changed")).hasSize(1);
    assertThat(due(before)).isEqualTo(berlin(12, 0));
    assertThat(timerJob(before.processInstanceId(), "Timer_SlaBreach").getDuedate().toInstant())
        .isEqualTo(berlin(12, 0));
    assertThat(timerJob(before.processInstanceId(), "Timer_SlaWarning").getDuedate().toInstant())
        .isEqualTo(berlin(11, 0));
    SlaRecord visit = records(before.leadId()).get(0);
    assertThat(visit.target()).isEqualTo("PT2H");
    assertThat(visit.dueAt()).isEqualTo(berlin(12, 0));

    JsonNode audit = json(http.get("/api/sla/recomputations/" + run.get("runId").asText(), OWNER, DEMO_PASSWORD),
        200);
    assertThat(audit).singleElement().satisfies(row -> {
      assertThat(row.get("recomputedBy").asText()).isEqualTo(OWNER);
      assertThat(row.get("reason").asText()).isEqualTo("Demo SLA cut to 2h");
      assertThat(row.at("/change/oldPolicy").asText()).isEqualTo("Demo request: first response within 4 business"
          + " hours");
      assertThat(row.at("/change/newTarget").asText()).isEqualTo("PT2H");
      assertThat(row.at("/change/oldDueAt").asText()).isEqualTo(berlin(14, 0).toString());
      assertThat(row.at("/change/newDueAt").asText()).isEqualTo(berlin(12, 0).toString());
    });

    // The moved ladder runs at the new instants: the warning an hour before the new due time.
    fireTimer(before.processInstanceId(), "Timer_SlaWarning");
    assertThat(now()).isEqualTo(berlin(11, 0));
    assertThat(theMail(name, "SLA warning").body()).contains("Demo request: first response within 2 business hours");
  }

  @Test
  void giveANewLeadSourceAnSlaOfItsOwn() throws IOException {
    // Marketing sends leads from a source nobody has heard of: they are taken, on the fallback row, and listed.
    String source = "webinar-" + UUID.randomUUID().toString().substring(0, 8);
    LeadIntake.Created before = createLead(uniqueName("Webinar"), "DE", source, "medium", "crm-suite");
    assertThat(records(before.leadId()).get(0).target()).isEqualTo("PT24H");
    assertThat(json(http.get("/api/reports/undeclared-values", OWNER, DEMO_PASSWORD), 200).findValuesAsText("value"))
        .contains(source);

    // The process owner gives it a row of its own, above the fallback row, and deploys: no release, no restart.
    DmnModelInstance policy = Dmn.readModelFromStream(Files.newInputStream(Path.of("processes/sla-policy.dmn")));
    addRule(policy, "Webinar", List.of("\"lead-routing\"", "\"first-contact\"", "\"" + source + "\"", "", "", ""),
        List.of("\"Webinar lead: contacted within 8 business hours\"", "\"PT8H\"", "\"business\"", "\"PT2H\"",
            "\"PT1H\"", "true", "\"PT4H\"", "\"P1D\""));
    DecisionTable table = policy.getModelElementsByType(DecisionTable.class).iterator().next();
    Rule added = policy.getModelElementById("Rule_Webinar");
    table.removeChildElement(added);
    table.insertElementAfter(added, policy.getModelElementById("Rule_HighIntent"));
    deploy(Map.of("processes/sla-policy.dmn", Dmn.convertToString(policy)));

    LeadIntake.Created after = createLead(uniqueName("Webinar"), "DE", source, "medium", "crm-suite");
    assertThat(records(after.leadId()).get(0).target()).isEqualTo("PT8H");
    assertThat(json(http.get("/api/leads/" + after.leadId(), "admin", ADMIN_PASSWORD), 200).get("undeclared"))
        .as("named by the policy now").isEmpty();
  }

  @Test
  void aPolicyThatCannotRunIsRefusedAtDeploymentNamingItsRuleAndColumn() throws IOException {
    long versions = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("sla-policy").count();
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("LiteralExpression_DemoRequest_target", "\"PT-1H\"");
    cells.put("LiteralExpression_DemoRequest_firstWarning", "\"P1DT-8H\"");
    cells.put("LiteralExpression_DemoRequest_clock", "\"weekdays\"");
    for (Map.Entry<String, String> cell : cells.entrySet()) {
      DmnModelInstance policy = Dmn.readModelFromStream(Files.newInputStream(Path.of("processes/sla-policy.dmn")));
      text(policy, cell.getKey(), cell.getValue());
      HttpResponse<String> refused = upload(Map.of("processes/sla-policy.dmn", Dmn.convertToString(policy)));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).get("message").asText()).contains("The SLA policy in"
          + " processes/sla-policy.dmn cannot run: rule 'Rule_DemoRequest', column '"
          + cell.getKey().substring("LiteralExpression_DemoRequest_".length()) + "': ");
    }
    DmnModelInstance yearsLong = Dmn.readModelFromStream(Files.newInputStream(Path.of("processes/sla-policy.dmn")));
    text(yearsLong, "LiteralExpression_DemoRequest_target", "\"P99999D\"");
    assertThat(JSON.readTree(upload(Map.of("processes/sla-policy.dmn", Dmn.convertToString(yearsLong))).body())
        .get("message").asText())
        .endsWith("rule 'Rule_DemoRequest', column 'target': 'P99999D' is longer than 366 days");

    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("sla-policy").count())
        .as("nothing of a refused deployment is kept").isEqualTo(versions);
    assertThat(due(createLead(uniqueName("Still"), "DE", "demo-request", "high", "crm-suite")))
        .as("leads keep the policy deployed before").isEqualTo(berlin(14, 0));
  }

  @Test
  void recomputingIsForProcessOwnersAndSaysWhatIsWrong() {
    String body = "{\"unit\": \"lead-routing\", \"reason\": \"policy change\"}";
    assertThat(http.postJson("/api/sla/recompute", body, "clara.vogel", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.postJson("/api/sla/recompute", body, "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);

    HttpResponse<String> unknownUnit = http.postJson("/api/sla/recompute",
        "{\"unit\": \"lead-routeing\", \"reason\": \"typo\"}", OWNER, DEMO_PASSWORD);
    assertThat(unknownUnit.statusCode()).isEqualTo(400);
    assertThat(unknownUnit.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(unknownUnit.body()).contains("\"field\":\"unit\"").contains("lead-routing");

    HttpResponse<String> noReason = http.postJson("/api/sla/recompute", "{\"unit\": \"lead-routing\"}", OWNER,
        DEMO_PASSWORD);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("\"field\":\"reason\"");

    assertThat(http.get("/api/sla/recomputations/no-such-run", OWNER, DEMO_PASSWORD).statusCode()).isEqualTo(404);
  }

  @Test
  void addARequiredFieldToAStageForm() throws IOException {
    LeadIntake.Created running = createLead(uniqueName("Running"), "DE", "web-form", "medium", "crm-suite");

    ObjectNode form = (ObjectNode) JSON.readTree(Files.readString(Path.of("forms/first-contact.form")));
    ArrayNode components = (ArrayNode) form.get("components");
    ObjectNode budget = JSON.createObjectNode().put("id", "Field_Budget").put("type", "number").put("key", "budget")
        .put("label", "Budget (EUR)");
    budget.putObject("validate").put("required", true);
    components.add(budget);
    deploy(Map.of("forms/first-contact.form", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(form)));

    LeadIntake.Created lead = createLead(uniqueName("Budget"), "DE", "web-form", "medium", "crm-suite");
    String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/complete",
        FIRST_CONTACT.formatted(""), lead.owner(), DEMO_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Required data missing for 'Make first contact': budget");
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/complete",
        FIRST_CONTACT.formatted(", \"budget\": {\"value\": 25000}"), lead.owner(), DEMO_PASSWORD).statusCode())
        .isEqualTo(204);

    // A lead that started before keeps the form it started with (the form is bound to its deployment).
    String runningTask = stageTask(running.processInstanceId(), "Task_MakeFirstContact").getId();
    assertThat(http.postJson("/engine-rest/task/" + runningTask + "/complete", FIRST_CONTACT.formatted(""),
        running.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(204);
  }

  @Test
  void addAStageWithItsSlaRow() throws IOException, InterruptedException {
    Path diagram = Files.createDirectories(Path.of("target/process-owner")).resolve("lead-routing.bpmn");
    Files.writeString(diagram, Bpmn.convertToString(leadRoutingWithBookTheDemo()));
    assertThat(lint(diagram)).as("bpmnlint, Slaflow's rules included, on the changed diagram").isEmpty();

    DmnModelInstance policy = Dmn.readModelFromStream(Files.newInputStream(Path.of("processes/sla-policy.dmn")));
    addRule(policy, "BookDemo", List.of("\"lead-routing\"", "\"book-demo\"", "", "", "", ""),
        List.of("\"Demo booked within 1 business day\"", "\"P1D\"", "\"business\"", "\"PT2H\"", "\"PT1H\"", "true",
            "\"PT4H\"", "\"P1D\""));
    Map<String, String> changed = new LinkedHashMap<>();
    changed.put("processes/lead-routing.bpmn", Files.readString(diagram));
    changed.put("processes/sla-policy.dmn", Dmn.convertToString(policy));
    changed.put("forms/book-demo.form", """
        {"id": "book-demo", "type": "default", "schemaVersion": 16, "components": [
          {"id": "Field_DemoAt", "type": "datetime", "key": "demoAt", "subtype": "datetime",
           "dateLabel": "Demo date", "timeLabel": "Demo time", "validate": {"required": true}}]}""");
    deploy(changed);

    String name = uniqueName("Stage");
    LeadIntake.Created lead = createLead(name, "DE", "web-form", "medium", "crm-suite");
    String firstContact = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
    assertThat(http.postJson("/engine-rest/task/" + firstContact + "/complete", FIRST_CONTACT.formatted(""),
        lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(204);

    var stage = stageTask(lead.processInstanceId(), "Task_BookDemo");
    assertThat(stage.getAssignee()).isEqualTo(lead.owner());
    assertThat(stage.getDueDate().toInstant()).isEqualTo(berlin(10, 0).plus(java.time.Duration.ofDays(1)));
    assertThat(records(lead.leadId())).extracting(SlaRecord::stage, SlaRecord::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("first-contact", "met"),
            org.assertj.core.groups.Tuple.tuple("book-demo", "open"));

    fireTimer(lead.processInstanceId(), "Timer_BookDemoWarning");
    assertThat(theMail(name, "SLA warning").subject()).contains("Book the demo");

    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + stage.getId() + "/complete",
        "{\"variables\": {}}", lead.owner(), DEMO_PASSWORD);
    assertThat(refused.body()).contains("Required data missing for 'Book the demo': demoAt");
    assertThat(http.postJson("/engine-rest/task/" + stage.getId() + "/complete",
        "{\"variables\": {\"demoAt\": {\"value\": \"2026-12-01T15:00\"}}}", lead.owner(), DEMO_PASSWORD)
        .statusCode()).isEqualTo(204);
    assertThat(records(lead.leadId()).get(1).outcome()).isEqualTo("met");
  }

  /**
   * What the process owner draws in the Modeler: on the "not sales-ready" branch, before the wait for the next-step
   * date, a stage "Book the demo" with its Start and Stop SLA clock steps, its form, due date and owner listener (the
   * SLA stage task template), and the ladder's four timers with their alerts.
   */
  private static BpmnModelInstance leadRoutingWithBookTheDemo() throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromStream(Files.newInputStream(Path.of("processes/lead-routing.bpmn")));
    ExclusiveGateway salesReady = model.getModelElementById("Gateway_SalesReady");
    SequenceFlow toNextStep = model.getModelElementById("Flow_ToNextStepDate");
    IntermediateCatchEvent nextStepDate = model.getModelElementById("Timer_NextStepDate");
    model.getModelElementsByType(BpmnEdge.class).stream().filter(edge -> edge.getBpmnElement() == toNextStep)
        .toList().forEach(edge -> edge.getParentElement().removeChildElement(edge));
    salesReady.getOutgoing().remove(toNextStep);
    nextStepDate.getIncoming().remove(toNextStep);
    toNextStep.getParentElement().removeChildElement(toNextStep);

    salesReady.builder().sequenceFlowId("Flow_ToStartDemoClock").name("no")
        .serviceTask("Task_StartDemoClock").name("Start SLA clock")
        .camundaExpression("${slaClock.start(execution, 'book-demo', 'Task_BookDemo')}")
        .userTask("Task_BookDemo").name("Book the demo")
        .camundaFormRef("book-demo").camundaFormRefBinding("deployment")
        .camundaAssignee("${owner}").camundaDueDate("${slaDueAt}")
        .camundaTaskListenerExpression("assignment", "${routing.ownerChanged(task)}")
        .serviceTask("Task_StopDemoClock").name("Stop SLA clock").camundaExpression("${slaClock.stop(execution)}")
        .connectTo(nextStepDate.getId());
    salesReady.setDefault(model.getModelElementById("Flow_ToStartDemoClock"));

    UserTask stage = model.getModelElementById("Task_BookDemo");
    rung(stage, "Warning", "${slaWarningAt}", "Remind owner", "${ladder.remindOwner(execution, 'warning')}");
    rung(stage, "FinalWarning", "${slaFinalWarningAt}", "Remind owner again",
        "${ladder.remindOwner(execution, 'final-warning')}");
    rung(stage, "Breach", "${slaDueAt}", "Record SLA breach", "${slaClock.recordBreach(execution)}")
        .serviceTask("Task_BookDemoBreachReminder").name("Remind owner, copy manager")
        .camundaExpression("${ladder.breachReminder(execution)}").endEvent("EndEvent_BookDemoBreach")
        .name("Owner reminded, manager copied");
    rung(stage, "Escalation", "${slaEscalateAt}", "Record escalation", "${slaClock.recordEscalation(execution)}")
        .serviceTask("Task_BookDemoNotifyManager").name("Notify manager")
        .camundaExpression("${ladder.notifyManagerOfEscalation(execution)}").endEvent("EndEvent_BookDemoEscalation")
        .name("Manager notified");
    layOut(model);
    return model;
  }

  /**
   * Where the process owner would draw the new stage: below the diagram, the stage task wide enough for its four
   * timers, each rung on its own row under it. The builder stacks what it adds on one spot, which bpmnlint refuses.
   */
  private static void layOut(BpmnModelInstance model) {
    Map<String, BpmnShape> shapes = new LinkedHashMap<>();
    model.getModelElementsByType(BpmnShape.class).forEach(shape -> shapes.put(shape.getBpmnElement().getId(), shape));
    double x = shapes.get("Gateway_SalesReady").getBounds().getX();
    double y = shapes.values().stream().mapToDouble(s -> s.getBounds().getY() + s.getBounds().getHeight()).max()
        .orElseThrow() + 120;
    place(shapes, "Task_StartDemoClock", x, y, 100, 80);
    place(shapes, "Task_BookDemo", x + 150, y, 200, 80);
    place(shapes, "Task_StopDemoClock", x + 400, y, 100, 80);
    List<String> rungs = List.of("Warning", "FinalWarning", "Breach", "Escalation");
    for (int i = 0; i < rungs.size(); i++) {
      String rung = rungs.get(i);
      double row = y + 150 + 130 * i;
      place(shapes, "Timer_BookDemo" + rung, x + 160 + 48 * i, y + 62, 36, 36);
      List<String> steps = new java.util.ArrayList<>(List.of("Task_BookDemo" + rung));
      ((org.camunda.bpm.model.bpmn.instance.FlowNode) model.getModelElementById("Task_BookDemo" + rung))
          .getSucceedingNodes().list().forEach(next -> {
            steps.add(next.getId());
            if (next instanceof org.camunda.bpm.model.bpmn.instance.Task) {
              next.getSucceedingNodes().list().forEach(end -> steps.add(end.getId()));
            }
          });
      for (int step = 0; step < steps.size(); step++) {
        boolean event = model.getModelElementById(steps.get(step)) instanceof EndEvent;
        place(shapes, steps.get(step), x + 400 + 150 * step + (event ? 32 : 0), row + (event ? 22 : 0),
            event ? 36 : 100, event ? 36 : 80);
      }
    }
    model.getModelElementsByType(BpmnEdge.class).forEach(edge -> {
      SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
      Bounds from = shapes.get(flow.getSource().getId()).getBounds();
      Bounds to = shapes.get(flow.getTarget().getId()).getBounds();
      if (!flow.getId().startsWith("Flow_") || flow.getId().equals("Flow_ToStartDemoClock")) {
        double fromX = from.getX() + from.getWidth() / 2;
        double fromY = from.getY() + from.getHeight() / 2;
        double toY = to.getY() + to.getHeight() / 2;
        edge.getWaypoints().clear();
        edge.getWaypoints().add(waypoint(model, fromX, fromY));
        edge.getWaypoints().add(waypoint(model, fromX, toY));
        edge.getWaypoints().add(waypoint(model, to.getX(), toY));
      }
    });
  }

  private static void place(Map<String, BpmnShape> shapes, String id, double x, double y, double width,
      double height) {
    Bounds bounds = shapes.get(id).getBounds();
    bounds.setX(x);
    bounds.setY(y);
    bounds.setWidth(width);
    bounds.setHeight(height);
  }

  private static Waypoint waypoint(BpmnModelInstance model, double x, double y) {
    Waypoint point = model.newInstance(Waypoint.class);
    point.setX(x);
    point.setY(y);
    return point;
  }

  /** A non-interrupting ladder timer on the stage and the step it runs, in the timer's own job (one job per alert). */
  private static AbstractFlowNodeBuilder<?, ?> rung(UserTask stage, String name, String timeDate, String step,
      String expression) {
    var builder = stage.builder().boundaryEvent("Timer_BookDemo" + name).name(name + " due").cancelActivity(false)
        .timerWithDate(timeDate).serviceTask("Task_BookDemo" + name).name(step).camundaExpression(expression);
    if (expression.startsWith("${ladder.")) {
      builder.endEvent("EndEvent_BookDemo" + name).name(step + " done");
    }
    return builder;
  }

  /** Appends a row to the SLA policy table: the inputs' unary tests and the outputs, in the table's column order. */
  private static void addRule(DmnModelInstance dmn, String id, List<String> inputs, List<String> outputs) {
    DecisionTable table = dmn.getModelElementsByType(DecisionTable.class).iterator().next();
    Rule rule = dmn.newInstance(Rule.class);
    rule.setId("Rule_" + id);
    for (int i = 0; i < inputs.size(); i++) {
      InputEntry entry = dmn.newInstance(InputEntry.class);
      entry.setId("UnaryTests_" + id + "_" + i);
      entry.setText(text(dmn, inputs.get(i)));
      rule.getInputEntries().add(entry);
    }
    for (int i = 0; i < outputs.size(); i++) {
      OutputEntry entry = dmn.newInstance(OutputEntry.class);
      entry.setId("LiteralExpression_" + id + "_" + i);
      entry.setText(text(dmn, outputs.get(i)));
      rule.getOutputEntries().add(entry);
    }
    table.getRules().add(rule);
  }

  private static Text text(DmnModelInstance dmn, String content) {
    Text text = dmn.newInstance(Text.class);
    text.setTextContent(content);
    return text;
  }

  private static void text(DmnModelInstance dmn, String literalExpressionId, String content) {
    LiteralExpression cell = dmn.getModelElementById(literalExpressionId);
    cell.getText().setTextContent(content);
  }

  /**
   * Deploys processes/ and forms/ as they stand, with {@code changed} files in place of theirs, through the engine
   * REST API as Camunda Modeler does, as a process owner.
   */
  private void deploy(Map<String, String> changed) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String folder : List.of("processes", "forms")) {
      try (Stream<Path> paths = Files.list(Path.of(folder))) {
        paths.sorted().forEach(path -> files.put(folder + "/" + path.getFileName(), read(path)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    files.putAll(changed);
    HttpResponse<String> deployed = upload(files);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
  }

  private HttpResponse<String> upload(Map<String, String> files) {
    return http.postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", "slaflow", "deployment-source", "Camunda Modeler"), files, OWNER, DEMO_PASSWORD);
  }

  /** Runs the test command's bpmnlint, with the repository's .bpmnlintrc, on one diagram; returns its complaints. */
  private static String lint(Path diagram) throws IOException, InterruptedException {
    Path bpmnlint = Path.of("node_modules/.bin/bpmnlint");
    assertThat(bpmnlint).as("npm ci (part of mvn verify) installs bpmnlint").exists();
    Process process = new ProcessBuilder(bpmnlint.toString(), "--max-warnings=0", diagram.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0 ? "" : output;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Instant due(LeadIntake.Created lead) {
    return stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getDueDate().toInstant();
  }

  private static Instant berlin(int hour, int minute) {
    return MONDAY_TEN.withHour(hour).withMinute(minute).atZone(BERLIN).toInstant();
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }
}
