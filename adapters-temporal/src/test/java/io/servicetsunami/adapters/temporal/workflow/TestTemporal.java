package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * A {@link TestWorkflowEnvironment} (in-memory server, time skipping on) with every workflow and
 * activity registered through {@link Registrations}, backed by the scripted step fakes. One per
 * test class: creating an environment costs seconds, and tests keep apart by using fresh ids.
 */
public final class TestTemporal implements AutoCloseable {

  public final TestWorkflowEnvironment env;
  public final StepLog log = new StepLog();
  public final ScriptedTaskSteps taskSteps = new ScriptedTaskSteps(log);
  public final ScriptedProvisionSteps provisionSteps = new ScriptedProvisionSteps(log);
  public final ScriptedDataSyncSteps dataSteps = new ScriptedDataSyncSteps(log);
  public final Map<WorkflowType, WorkflowDefinition> definitions;
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

  private TestTemporal(
      Map<WorkflowType, WorkflowDefinition> definitions,
      Function<WorkflowClient, WorkflowEngine> engine) {
    this.definitions = definitions;
    this.env = TestWorkflowEnvironment.newInstance();
    log.useClock(env::currentTimeMillis);
    Registrations.register(
        env::newWorker,
        definitions,
        Registrations.queues(definitions),
        new Registrations.StepServices(
            Optional.of(taskSteps), Optional.of(provisionSteps), Optional.of(dataSteps)),
        engine.apply(env.getWorkflowClient()),
        heartbeats);
    env.start();
  }

  /** The standard definitions; schedules start their targets through {@code engine}. */
  public static TestTemporal start(Function<WorkflowClient, WorkflowEngine> engine) {
    return new TestTemporal(TestDefinitions.all(), engine);
  }

  public static TestTemporal start(
      Map<WorkflowType, WorkflowDefinition> definitions,
      Function<WorkflowClient, WorkflowEngine> engine) {
    return new TestTemporal(definitions, engine);
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  @Override
  public void close() {
    env.close();
    heartbeats.shutdownNow();
  }
}
