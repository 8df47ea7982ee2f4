package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The steps of TaskExecutionWorkflow; each activity type is named after its step. */
@ActivityInterface
public interface TaskExecutionActivities {

  @ActivityMethod(name = "dispatch_task")
  DispatchedPayload dispatchTask(String tenantId, String taskId);

  @ActivityMethod(name = "recall_memory")
  List<String> recallMemory(String tenantId, String taskId);

  @ActivityMethod(name = "execute_task")
  ExecutedPayload executeTask(String tenantId, String taskId, List<String> memoryIds);

  @ActivityMethod(name = "approve_task")
  void approveTask(String tenantId, String taskId, String approverId);

  @ActivityMethod(name = "persist_entities")
  int persistEntities(String tenantId, String taskId);

  @ActivityMethod(name = "evaluate_task")
  double evaluateTask(String tenantId, String taskId);

  @ActivityMethod(name = "fail_task")
  void failTask(String tenantId, String taskId, int failedStep, String reason);
}
