package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TaskExecutionSteps} that records each call in a {@link StepLog} (keyed by task id), fails
 * as scripted, and makes the tasks listed in {@link #requireApproval} wait for approval after
 * execute. It holds a gateway token like the real steps do, to prove it never reaches a history.
 */
public final class ScriptedTaskSteps implements TaskExecutionSteps {

  /** A secret the steps "use"; it must never appear in a workflow history. */
  public static final String GATEWAY_TOKEN = "gw-token-7f1c2e9a-SECRET-do-not-log";

  public static final AgentId AGENT =
      new AgentId(UUID.fromString("00000000-0000-0000-0000-00000000a9e1"));
  public static final MemoryId MEMORY =
      new MemoryId(UUID.fromString("00000000-0000-0000-0000-0000000003e3"));

  private final StepLog log;
  private final Set<TaskId> approvals = ConcurrentHashMap.newKeySet();
  private volatile boolean allRequireApproval;

  public ScriptedTaskSteps(StepLog log) {
    this.log = log;
  }

  public void requireApproval(TaskId task) {
    approvals.add(task);
  }

  /** Every task waits for approval (for a workflow that must stay running). */
  public void requireApprovalForAll() {
    allRequireApproval = true;
  }

  @Override
  public Dispatched dispatch(TenantId tenant, TaskId task) {
    log.record("dispatch_task", task.toString(), tenant);
    return new Dispatched(
        AGENT, "best capability match (token " + GATEWAY_TOKEN.length() + " chars)");
  }

  @Override
  public List<MemoryId> recallMemory(TenantId tenant, TaskId task) {
    log.record("recall_memory", task.toString(), tenant);
    return List.of(MEMORY);
  }

  @Override
  public Executed execute(TenantId tenant, TaskId task, List<MemoryId> memories) {
    log.record("execute_task", task.toString(), tenant, memories);
    // The real step calls the gateway with the decrypted token; the fake only holds it.
    if (GATEWAY_TOKEN.isEmpty()) {
      throw new IllegalStateException();
    }
    return new Executed(allRequireApproval || approvals.contains(task));
  }

  @Override
  public void approved(TenantId tenant, TaskId task, UserId approver) {
    log.record("approve_task", task.toString(), tenant, approver);
  }

  @Override
  public int persistEntities(TenantId tenant, TaskId task) {
    log.record("persist_entities", task.toString(), tenant);
    return 2;
  }

  @Override
  public double evaluate(TenantId tenant, TaskId task) {
    log.record("evaluate_task", task.toString(), tenant);
    return 0.75;
  }

  @Override
  public void fail(TenantId tenant, TaskId task, int failedStep, String reason) {
    log.record("fail_task", task.toString(), tenant, failedStep, reason);
  }
}
