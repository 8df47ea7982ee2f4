package io.servicetsunami.adapters.temporal.crash;

import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * A durable {@link TaskExecutionSteps} for the crash test, whose worker processes die and are
 * replaced: every side effect lives in files under a directory shared by the processes, written
 * with {@code DSYNC} so a SIGKILL loses nothing already done.
 *
 * <p>Each step's effect is its execution trace, {@code traces/<order>-<step_type>}, created with
 * {@code CREATE_NEW}: a repeated attempt finds it and applies nothing, which is the idempotency the
 * real steps get from trace ids derived from task, step type and order. Every attempt is appended
 * to {@code attempts.log}; every effect actually applied to {@code applied.log}, so a step applied
 * twice would show there twice.
 *
 * <p>With {@code crashStep} set, that step blocks for ever after applying its effect (having
 * written {@code blocked-<step>}), so the test can SIGKILL the worker in the middle of the step.
 */
public final class FileBackedTaskSteps implements TaskExecutionSteps {

  private final Path root;
  private final String crashStep;

  public FileBackedTaskSteps(Path root, String crashStep) {
    this.root = root;
    this.crashStep = crashStep;
  }

  @Override
  public Dispatched dispatch(TenantId tenant, TaskId task) {
    step(task, "dispatch_task", 1, "dispatched");
    return new Dispatched(new AgentId(new UUID(0, 1)), "only agent");
  }

  @Override
  public List<MemoryId> recallMemory(TenantId tenant, TaskId task) {
    step(task, "recall_memory", 2, "memory_recall");
    return List.of();
  }

  @Override
  public Executed execute(TenantId tenant, TaskId task, List<MemoryId> memories) {
    step(task, "execute_task", 3, "executing");
    return new Executed(false);
  }

  @Override
  public void approved(TenantId tenant, TaskId task, UserId approver) {
    throw new UnsupportedOperationException("the crash test's task needs no approval");
  }

  @Override
  public int persistEntities(TenantId tenant, TaskId task) {
    step(task, "persist_entities", 4, "entity_persist");
    return 0;
  }

  @Override
  public double evaluate(TenantId tenant, TaskId task) {
    step(task, "evaluate_task", 5, "completed");
    return 1.0;
  }

  @Override
  public void fail(TenantId tenant, TaskId task, int failedStep, String reason) {
    step(task, "fail_task", failedStep, "failed");
  }

  private void step(TaskId task, String step, int order, String stepType) {
    Path dir = root.resolve(task.toString());
    try {
      Files.createDirectories(dir.resolve("traces"));
      append(dir.resolve("attempts.log"), step + " pid " + ProcessHandle.current().pid());
      try {
        Files.write(
            dir.resolve("traces").resolve(order + "-" + stepType),
            step.getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.DSYNC);
        append(dir.resolve("applied.log"), step);
      } catch (FileAlreadyExistsException appliedByAnEarlierAttempt) {
        // idempotent: the effect is there already
      }
      if (step.equals(crashStep)) {
        append(dir.resolve("blocked-" + step), "pid " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE); // until SIGKILL
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in " + step, e);
    }
  }

  private static void append(Path file, String line) throws IOException {
    Files.writeString(
        file,
        line + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.DSYNC);
  }
}
