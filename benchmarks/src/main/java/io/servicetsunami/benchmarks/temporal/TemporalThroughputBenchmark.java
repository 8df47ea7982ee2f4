package io.servicetsunami.benchmarks.temporal;

import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.adapters.temporal.TemporalWorkers;
import io.servicetsunami.core.workflow.WorkflowCatalog;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * TaskExecutionWorkflow (the adapter, with the core's catalog and no-op step services) against a
 * bare five-activity Temporal workflow, in one run on one embedded server: completions per second
 * of each, and their ratio (target ≥ 0.8).
 *
 * <p>Both run in this JVM with the server, each on its own task queue with default worker options —
 * except sticky queues, which the adapter turns off on the embedded server (it cannot recover a
 * workflow stuck on a dead worker's sticky queue), so the baseline turns them off too. Rounds
 * alternate between the two so that warm-up and server growth (it never forgets a workflow) hit
 * both alike.
 *
 * <p>{@code --workflows=N} per measured round (default 500), {@code --rounds=N} (default 3), {@code
 * --warmup=N} (default 200).
 */
public final class TemporalThroughputBenchmark {

  private static final String BARE_QUEUE = "benchmark-bare";

  private TemporalThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workflows = option(args, "workflows", 500);
    int rounds = option(args, "rounds", 3);
    int warmup = option(args, "warmup", 200);

    try (TemporalConnection temporal = TemporalConnection.open(TemporalSettings.embedded(0))) {
      NoOpSteps steps = new NoOpSteps();
      TemporalWorkers adapterWorkers =
          temporal
              .workers(WorkflowCatalog.all())
              .taskExecutionSteps(steps)
              .provisionSteps(steps)
              .queues(Set.of(WorkflowCatalog.ORCHESTRATION_QUEUE))
              .build();
      adapterWorkers.start();
      WorkflowEngine engine = temporal.engine(WorkflowCatalog.all());

      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
      WorkerFactory bareFactory = WorkerFactory.newInstance(client);
      Worker bare =
          bareFactory.newWorker(
              BARE_QUEUE,
              WorkerOptions.newBuilder()
                  .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                  .build());
      bare.registerWorkflowImplementationTypes(BareFiveStepWorkflow.Impl.class);
      bare.registerActivitiesImplementations(new BareFiveStepWorkflow.NoOpSteps());
      bareFactory.start();

      System.out.printf(
          Locale.ROOT,
          "Temporal throughput on the embedded server (%s), %d cores, %d workflows per round%n",
          temporal.target(),
          Runtime.getRuntime().availableProcessors(),
          workflows);
      runBare(client, warmup);
      runTasks(engine, client, warmup);

      List<Double> bareRates = new ArrayList<>();
      List<Double> taskRates = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double bareRate = runBare(client, workflows);
        double taskRate = runTasks(engine, client, workflows);
        bareRates.add(bareRate);
        taskRates.add(taskRate);
        System.out.printf(
            Locale.ROOT,
            "  round %d: bare five-activity %7.1f wf/s   TaskExecutionWorkflow %7.1f wf/s   ratio"
                + " %.2f%n",
            round,
            bareRate,
            taskRate,
            taskRate / bareRate);
      }
      double bareMean = bareRates.stream().mapToDouble(d -> d).average().orElseThrow();
      double taskMean = taskRates.stream().mapToDouble(d -> d).average().orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "mean: bare five-activity %.1f wf/s, TaskExecutionWorkflow %.1f wf/s, ratio %.2f"
              + " (target >= 0.80)%n",
          bareMean,
          taskMean,
          taskMean / bareMean);

      bareFactory.shutdown();
      bareFactory.awaitTermination(10, TimeUnit.SECONDS);
      adapterWorkers.close();
      stubs.shutdown();
    }
  }

  /** Starts {@code n} bare workflows at once and waits for all; returns completions/s. */
  private static double runBare(WorkflowClient client, int n) {
    long start = System.nanoTime();
    List<CompletableFuture<Double>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BareFiveStepWorkflow workflow =
          client.newWorkflowStub(
              BareFiveStepWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId("bare-" + UUID.randomUUID())
                  .setTaskQueue(BARE_QUEUE)
                  .build());
      WorkflowClient.start(
          workflow::run, UUID.randomUUID().toString(), UUID.randomUUID().toString());
      results.add(io.temporal.client.WorkflowStub.fromTyped(workflow).getResultAsync(Double.class));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
    return n / seconds(start);
  }

  /** Starts {@code n} task workflows through the engine port and waits for all. */
  private static double runTasks(WorkflowEngine engine, WorkflowClient client, int n) {
    long start = System.nanoTime();
    TenantId tenant = new TenantId(UUID.randomUUID());
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TaskId task = new TaskId(UUID.randomUUID());
      String id = "task-" + task;
      engine.start(id, new WorkflowInput.TaskExecution(tenant, task));
      results.add(client.newUntypedWorkflowStub(id).getResultAsync(Object.class));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
    return n / seconds(start);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int option(String[] args, String name, int fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return Integer.parseInt(arg.substring(name.length() + 3));
      }
    }
    return fallback;
  }
}
