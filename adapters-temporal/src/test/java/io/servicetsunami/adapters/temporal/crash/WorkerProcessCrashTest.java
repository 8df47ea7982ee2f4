package io.servicetsunami.adapters.temporal.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.adapters.temporal.workflow.TestDefinitions;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task survives the death of its worker process. The embedded server runs in this JVM on loopback
 * (as in the app); the worker runs in a separate JVM ({@link CrashTestWorker}) over durable
 * file-backed steps ({@link FileBackedTaskSteps}) — the real core services over the colleague's
 * PostgreSQL adapter were not ready when this was written, and in-memory steps would not survive
 * the process. The first worker is SIGKILLed in the middle of step 3, after that step wrote its
 * effect; a second worker process takes over.
 *
 * <p>The server's timers run on the real clock, so the task's steps get 5-second timeouts and a
 * 1-second retry interval here instead of the catalog's 10 minutes and 30 seconds: the mechanism
 * (start-to-close timeout, retry on another worker, replay of the finished steps) is the same.
 */
class WorkerProcessCrashTest {

  static final Map<WorkflowType, WorkflowDefinition> DEFINITIONS =
      TestDefinitions.withFastSteps(
          WorkflowType.TASK_EXECUTION, Duration.ofSeconds(5), Duration.ofSeconds(1));

  @TempDir Path dir;

  @Test
  void aTaskWhoseWorkerIsKilledDuringStepThreeCompletesOnANewWorkerWithEachEffectOnce()
      throws Exception {
    try (TemporalConnection server = TemporalConnection.open(TemporalSettings.embedded(0))) {
      WorkflowEngine engine = server.engine(DEFINITIONS);
      TaskId task = Fixtures.taskId();
      Path taskDir = dir.resolve(task.toString());

      Process first = worker(server.target(), "execute_task", "first");
      engine.start("task-" + task, new WorkflowInput.TaskExecution(Fixtures.tenantId(), task));
      await(
          () -> Files.exists(taskDir.resolve("blocked-execute_task")),
          first,
          "first worker in step 3");
      assertThat(lines(taskDir.resolve("applied.log")))
          .containsExactly("dispatch_task", "recall_memory", "execute_task");

      first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful anything
      assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isEqualTo(137);

      Process second = worker(server.target(), "", "second");
      try {
        await(() -> engine.describe("task-" + task).state().isClosed(), second, "task closed");
        assertThat(engine.describe("task-" + task).state()).isEqualTo(WorkflowState.COMPLETED);
      } finally {
        second.destroy(); // SIGTERM: graceful shutdown
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("graceful worker shutdown").isTrue();
      }

      try (Stream<Path> traces = Files.list(taskDir.resolve("traces"))) {
        assertThat(traces.map(p -> p.getFileName().toString()).sorted())
            .containsExactly(
                "1-dispatched",
                "2-memory_recall",
                "3-executing",
                "4-entity_persist",
                "5-completed");
      }
      assertThat(lines(taskDir.resolve("applied.log")))
          .containsExactly(
              "dispatch_task",
              "recall_memory",
              "execute_task",
              "persist_entities",
              "evaluate_task");
      List<String> attempts = lines(taskDir.resolve("attempts.log"));
      // Steps 1 and 2 finished before the crash: the new worker replays them, it does not rerun.
      assertThat(attempts.stream().filter(a -> a.startsWith("dispatch_task"))).hasSize(1);
      assertThat(attempts.stream().filter(a -> a.startsWith("recall_memory"))).hasSize(1);
      // Step 3 ran twice, once in each process; its second run found its effect and applied none.
      assertThat(
              attempts.stream()
                  .filter(a -> a.startsWith("execute_task"))
                  .map(a -> a.split(" pid ")[1])
                  .distinct())
          .containsExactly(String.valueOf(first.pid()), String.valueOf(second.pid()));
    }
  }

  private Process worker(String address, String crashStep, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashTestWorker.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + "-worker.log").toFile());
    builder.environment().put("TEMPORAL_ADDRESS", address);
    builder.environment().put("CRASH_STEP", crashStep);
    builder.environment().remove("TEMPORAL_NAMESPACE");
    builder.environment().remove("TEMPORAL_API_KEY");
    return builder.start();
  }

  private void await(BooleanSupplier condition, Process worker, String what) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!condition.getAsBoolean()) {
      if (!worker.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + what + "; worker log:\n" + workerLogs());
      }
      Thread.sleep(50);
    }
  }

  private String workerLogs() throws IOException {
    StringBuilder logs = new StringBuilder();
    for (String name : List.of("first", "second")) {
      Path log = dir.resolve(name + "-worker.log");
      if (Files.exists(log)) {
        logs.append("--- ").append(name).append('\n').append(Files.readString(log));
      }
    }
    return logs.toString();
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }
}
