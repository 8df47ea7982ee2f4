package io.servicetsunami.adapters.temporal;

import io.servicetsunami.adapters.temporal.workflow.ScriptedDataSyncSteps;
import io.servicetsunami.adapters.temporal.workflow.ScriptedProvisionSteps;
import io.servicetsunami.adapters.temporal.workflow.ScriptedTaskSteps;
import io.servicetsunami.adapters.temporal.workflow.StepLog;
import io.servicetsunami.adapters.temporal.workflow.TestDefinitions;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import java.util.Map;

/**
 * One embedded server per test JVM (the real embedded mode: loopback, time skipping off), with
 * workers on both queues over the scripted step fakes. Started on first use, closed when the JVM
 * ends; tests keep apart by using fresh ids.
 */
final class SharedEmbeddedTemporal {

  static final Map<WorkflowType, WorkflowDefinition> DEFINITIONS = TestDefinitions.all();

  final TemporalConnection connection;
  final WorkflowEngine engine;
  final StepLog log = new StepLog();
  final ScriptedTaskSteps taskSteps = new ScriptedTaskSteps(log);
  final TemporalWorkers workers;

  private static SharedEmbeddedTemporal instance;

  private SharedEmbeddedTemporal() {
    connection = TemporalConnection.open(TemporalSettings.embedded(0));
    engine = connection.engine(DEFINITIONS);
    workers =
        connection
            .workers(DEFINITIONS)
            .taskExecutionSteps(taskSteps)
            .provisionSteps(new ScriptedProvisionSteps(log))
            .dataSyncSteps(new ScriptedDataSyncSteps(log))
            .build();
    workers.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  workers.close();
                  connection.close();
                }));
  }

  static synchronized SharedEmbeddedTemporal get() {
    if (instance == null) {
      instance = new SharedEmbeddedTemporal();
    }
    return instance;
  }
}
