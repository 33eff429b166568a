package io.slaflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.slaflow.sla.ProcessVariable;
import io.slaflow.sla.SlaVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * variable's name has one type wherever it is declared. The classes are found, not listed: a new unit's variables
 * class is checked as soon as it exists.
 */
class ProcessNamesTest {

  /**
   * Every class of ours, main or test, that declares process variables or names a process: each unit's variables
   * class, the kernel's, and the test-only unit's.
   */
  private static final List<Class<?>> DECLARING = new ClassFileImporter().importPackages("io.slaflow").stream()
      .map(JavaClass::reflect)
      .filter(type -> !constants(type, ProcessVariable.class).isEmpty()
          || constants(type, String.class).stream().anyMatch(field -> field.getName().endsWith("PROCESS_KEY")))
      .sorted(Comparator.comparing(Class::getName)).toList();

  @Test
  void everyProcessKeyMessageErrorAndElementJavaNamesIsInItsUnitsBpmn() throws IllegalAccessException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Class<?> unit : DECLARING) {
      List<BpmnModelInstance> models = processesOf(unit);
      for (Field field : constants(unit, String.class)) {
        String value = (String) field.get(null);
        String where = unit.getSimpleName() + "." + field.getName() + " = \"" + value + "\"";
        if (List.of(SlaVariables.ON_TRACK, SlaVariables.AT_RISK, SlaVariables.BREACHED).contains(value)) {
          continue; // values of the state variable, not names
        }
        checked++;
        if (!models.stream().anyMatch(model -> declares(model, field.getName(), value))) {
          missing.add(where + " in none of its processes");
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(DECLARING).extracting(Class::getSimpleName).containsExactly("ContractVariables", "ExpansionVariables",
        "LeadVariables", "PartnerDealVariables", "PipelineVariables", "DecisionFacts",
        "RoutingVariables", "SlaVariables", "SupportVariables", "ContactVariables");
    assertThat(checked).as("process keys, messages, errors and elements checked").isEqualTo(27);
  }

  @Test
  void aVariablesNameHasOneTypeWhereverItIsDeclared() throws IllegalAccessException {
    Map<String, Set<String>> declarations = new HashMap<>();
    for (Class<?> unit : DECLARING) {
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

  /**
   * The processes a class names by its process keys, from processes/ (a test-only unit's from src/test/resources/
   * units/); a class that names none (the kernel's) may name what is in any of processes/.
   */
  private static List<BpmnModelInstance> processesOf(Class<?> holder) throws IllegalAccessException {
    List<Path> files = new ArrayList<>();
    for (Field field : constants(holder, String.class)) {
      if (field.getName().endsWith("PROCESS_KEY")) {
        String file = field.get(null) + ".bpmn";
        files.add(Files.exists(Path.of("processes", file)) ? Path.of("processes", file)
            : Path.of("src/test/resources/units", file));
      }
    }
    if (files.isEmpty()) {
      try (Stream<Path> all = Files.list(Path.of("processes"))) {
        files.addAll(all.filter(path -> path.toString().endsWith(".bpmn")).toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files.stream().map(path -> Bpmn.readModelFromFile(path.toFile())).toList();
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
