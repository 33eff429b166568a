package io.slaflow.validation;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts the stage gate in front of every task completion: Tasklist's form submit, the engine REST API and the Java
 * API all run these two commands. It runs before the command (not in a task listener) so that a refusal reaches the
 * caller as Camunda's form validation error, which the engine REST API answers with 400 rather than 500.
 */
@Component
public class StageGatePlugin extends AbstractProcessEnginePlugin {

  private final StageGate gate;

  public StageGatePlugin(StageGate gate) {
    this.gate = gate;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new GateInterceptor(gate));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** Reads the task id and submitted variables of the two completion commands. */
  static final class GateInterceptor extends CommandInterceptor {

    private final StageGate gate;

    GateInterceptor(StageGate gate) {
      this.gate = gate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd) {
        gate.checkCompletion((String) field(command, "taskId"), (Map<String, Object>) field(command, "variables"));
      } else if (command instanceof SubmitTaskFormCmd) {
        gate.checkCompletion((String) field(command, "taskId"), (Map<String, Object>) field(command, "properties"));
      }
      return next.execute(command);
    }

    // The commands keep these in protected fields without getters; tests pin the names for this engine version.
    private static Object field(Object command, String name) {
      try {
        Field field = command.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Camunda changed " + command.getClass().getName() + "." + name, e);
      }
    }
  }
}
