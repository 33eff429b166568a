package io.slaflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.contract.ContractVariables;
import io.slaflow.expansion.ExpansionVariables;
import io.slaflow.intake.LeadVariables;
import io.slaflow.pipeline.PipelineVariables;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.ProcessVariable;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaVariables;
import io.slaflow.support.SupportVariables;
import io.slaflow.unit.ContactVariables;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * What the Java code calls the processes' parts is what the process owner's BPMN calls them. Each unit's variables
 * class names, beside its typed variables, its process key, messages, errors and the elements Java moves or queries;
 * every such name must be in that unit's BPMN, so a rename in the Modeler fails here rather than in production. And a
 * variable's name has one type wherever it is declared.
 */
class ProcessNamesTest {

  private static final Map<Class<?>, List<String>> PROCESSES = Map.of(
      LeadVariables.class, List.of("lead-routing"),
      PipelineVariables.class, List.of("sales-pipeline"),
      SupportVariables.class, List.of("customer-support"),
      ContractVariables.class, List.of("onboarding", "renewal"),
      ExpansionVariables.class, List.of("expansion"),
      RoutingVariables.class, List.of("lead-routing", "sales-pipeline"),
      SlaVariables.class, List.of(),
      DecisionFacts.class, List.of(),
      ContactVariables.class, List.of());

  @Test
  void everyProcessKeyMessageErrorAndElementJavaNamesIsInItsUnitsBpmn() throws IllegalAccessException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<Class<?>, List<String>> unit : PROCESSES.entrySet()) {
      List<BpmnModelInstance> models = unit.getValue().stream()
          .map(key -> Bpmn.readModelFromFile(Path.of("processes", key + ".bpmn").toFile())).toList();
      for (Field field : constants(unit.getKey(), String.class)) {
        String value = (String) field.get(null);
        String where = unit.getKey().getSimpleName() + "." + field.getName() + " = \"" + value + "\"";
        if (List.of(SlaVariables.ON_TRACK, SlaVariables.AT_RISK, SlaVariables.BREACHED).contains(value)) {
          continue; // values of the state variable, not names
        }
        checked++;
        if (!models.stream().anyMatch(model -> declares(model, field.getName(), value))) {
          missing.add(where + " in none of " + unit.getValue());
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(checked).as("process keys, messages, errors and elements checked").isEqualTo(25);
  }

  @Test
  void aVariablesNameHasOneTypeWhereverItIsDeclared() throws IllegalAccessException {
    Map<String, Set<String>> declarations = new HashMap<>();
    for (Class<?> unit : PROCESSES.keySet()) {
      for (Field field : constants(unit, ProcessVariable.class)) {
        ProcessVariable<?> variable = (ProcessVariable<?>) field.get(null);
        declarations.computeIfAbsent(variable.name(), name -> new TreeSet<>())
            .add(field.getGenericType().getTypeName().replaceAll(".*<(.*)>", "$1"));
      }
    }
    assertThat(declarations.entrySet().stream().filter(declared -> declared.getValue().size() > 1)
        .map(Map.Entry::toString).toList()).isEmpty();
    assertThat(declarations).containsKeys("slaDueAt", "teamId", "country", "contactName", "wonAmount", "priority");
  }

  private static boolean declares(BpmnModelInstance model, String constant, String value) {
    if (constant.endsWith("PROCESS_KEY")) {
      return model.getModelElementsByType(Process.class).stream().anyMatch(p -> p.getId().equals(value));
    }
    if (constant.endsWith("_MESSAGE")) {
      return model.getModelElementsByType(Message.class).stream().anyMatch(m -> value.equals(m.getName()));
    }
    if (constant.endsWith("_ERROR")) {
      return model.getModelElementsByType(Error.class).stream().anyMatch(e -> value.equals(e.getErrorCode()));
    }
    BaseElement element = model.getModelElementById(value);
    if (constant.endsWith("_TIMER")) {
      return element != null && !element.getChildElementsByType(TimerEventDefinition.class).isEmpty();
    }
    if (constant.endsWith("_TASK")) {
      return element instanceof UserTask;
    }
    throw new AssertionError(constant + ": name a process key, message, error, timer or task by its ending, or"
        + " declare a variable as a ProcessVariable");
  }

  private static List<Field> constants(Class<?> holder, Class<?> type) {
    return Arrays.stream(holder.getDeclaredFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && type.isAssignableFrom(field.getType()))
        .collect(Collectors.toList());
  }
}
