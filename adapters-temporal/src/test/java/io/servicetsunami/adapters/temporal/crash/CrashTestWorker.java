package io.servicetsunami.adapters.temporal.crash;

import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.adapters.temporal.TemporalWorkers;
import io.servicetsunami.adapters.temporal.workflow.ScriptedProvisionSteps;
import io.servicetsunami.adapters.temporal.workflow.StepLog;
import io.servicetsunami.adapters.temporal.workflow.TestDefinitions;
import java.nio.file.Path;
import java.util.Set;

/**
 * A worker process for {@link WorkerProcessCrashTest}: connects to {@code TEMPORAL_ADDRESS} (the
 * test's embedded server), serves the orchestration queue with {@link FileBackedTaskSteps} over the
 * directory in {@code args[0]}, and runs until SIGTERM (graceful) or SIGKILL.
 *
 * <p>It does what the app's {@code worker} command will do, with the test's step services.
 */
public final class CrashTestWorker {

  private CrashTestWorker() {}

  public static void main(String[] args) throws InterruptedException {
    Path root = Path.of(args[0]);
    String crashStep = System.getenv().getOrDefault("CRASH_STEP", "");
    try (TemporalConnection connection =
        TemporalConnection.open(TemporalSettings.fromEnvironment(System.getenv()))) {
      TemporalWorkers workers =
          connection
              .workers(WorkerProcessCrashTest.DEFINITIONS)
              .taskExecutionSteps(new FileBackedTaskSteps(root, crashStep))
              .provisionSteps(new ScriptedProvisionSteps(new StepLog()))
              .queues(Set.of(TestDefinitions.ORCHESTRATION))
              .build();
      System.out.println("worker polling " + workers.queues());
      workers.runUntilShutdown();
    }
  }
}
