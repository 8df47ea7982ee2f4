package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import java.util.Map;
import java.util.Optional;

/** Runs one skill on the tenant's gateway. */
public interface ExecuteSkillUseCase {

  /**
   * @param executionId identifies this execution; retrying with the same id never runs the skill
   *     twice. Empty for a new execution.
   * @param taskId the task the skill runs for; its {@code skill_call} trace is written there
   * @param approvedBy the user who approved the execution, for skills that require approval
   */
  record ExecuteSkillCommand(
      TenantId tenantId,
      String skillName,
      Map<String, Object> input,
      Optional<ExecutionId> executionId,
      Optional<TaskId> taskId,
      Optional<UserId> approvedBy) {
    public ExecuteSkillCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(skillName, "skillName is null");
      input = Json.copyOf(input);
      requireNonNull(executionId, "executionId is null");
      requireNonNull(taskId, "taskId is null");
      requireNonNull(approvedBy, "approvedBy is null");
    }
  }

  /** How an execution ended. Credentials never appear in any outcome. */
  sealed interface SkillOutcome {
    ExecutionId executionId();
  }

  /** The skill ran; {@code llmModel} is the model it ran with. */
  record Completed(
      ExecutionId executionId, Map<String, Object> output, String llmModel, long durationMs)
      implements SkillOutcome {
    public Completed {
      output = Json.copyOf(output);
    }
  }

  /** The skill ran and reported its own error; the gateway was healthy. */
  record SkillError(ExecutionId executionId, String message, long durationMs)
      implements SkillOutcome {}

  /** The skill requires approval and none was given; nothing ran. */
  record AwaitingApproval(ExecutionId executionId) implements SkillOutcome {}

  /**
   * Resolves the tenant's running instance, checks its circuit breaker, validates the skill's
   * configuration, decrypts its credentials, resolves the model, calls the gateway and records the
   * call — in that order.
   *
   * @throws NotFoundException {@code skill_not_found}, {@code instance_not_found}, {@code
   *     task_not_found} for a task the tenant does not have
   * @throws ConflictException {@code instance_not_running}
   * @throws ForbiddenException {@code skill_disabled} for a skill not enabled for the tenant
   * @throws TransientException {@code circuit_open} (with retry-after), {@code
   *     gateway_unavailable}, {@code gateway_timeout}
   * @throws PermanentException {@code gateway_auth_failed}, {@code gateway_rejected}, {@code
   *     credential_unreadable}
   */
  SkillOutcome execute(ExecuteSkillCommand command);
}
