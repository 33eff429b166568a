package io.slaflow.validation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.stereotype.Component;

/**
 * Puts the stage gate in front of every task completion (Tasklist's form submit, the engine REST API and the Java
 * API all run these two commands), and the {@link EngineGuard} in front of every command a person starts. Both run
 * before the command (not in a task listener) so that a refusal reaches the caller as a 400 or 403 rather than a
 * 500, before anything is written. Cockpit's count of tasks by group runs as {@link ReadableTaskReport} for those
 * who may read some teams' tasks only.
 */
@Component
public class StageGatePlugin extends AbstractProcessEnginePlugin {

  private final StageGate gate;
  private final EngineGuard guard;

  public StageGatePlugin(StageGate gate, EngineGuard guard) {
    this.gate = gate;
    this.guard = guard;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    guard.guard(configuration);
    interceptors.add(new GateInterceptor(gate, guard));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(new PolicyDeploymentCheck());
    configuration.setCustomPreDeployers(preDeployers);
  }

  /** Reads the task id and submitted variables of the two completion commands; guards what a person starts. */
  static final class GateInterceptor extends CommandInterceptor {

    private final StageGate gate;
    private final EngineGuard guard;

    GateInterceptor(StageGate gate, EngineGuard guard) {
      this.gate = gate;
      this.guard = guard;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd) { // ResolveTaskCmd too
        gate.checkCompletion(EngineGuard.field(command, "taskId"), EngineGuard.field(command, "variables"));
      } else if (command instanceof SubmitTaskFormCmd) {
        gate.checkCompletion(EngineGuard.field(command, "taskId"), EngineGuard.field(command, "properties"));
      }
      // A command started inside another (our listeners, the engine's own steps) is the engine's, not the person's.
      Runnable afterSuccess = Context.getCommandContext() == null ? guard.check(command) : null;
      T result = next.execute(ReadableTaskReport.forCaller(command));
      if (afterSuccess != null) {
        afterSuccess.run();
      }
      return result;
    }
  }
}
