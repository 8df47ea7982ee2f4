package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit of work for an agent, executed by the five-step task pipeline.
 *
 * @param objective what the task must achieve, in words
 * @param taskType a free classification such as {@code research} or {@code analysis}
 * @param requiredCapabilities capabilities the dispatcher must find in the assigned agent
 * @param context caller-supplied JSON the agent may use
 * @param requiresApproval whether a human must approve the result before the task completes
 * @param assignedAgentId set by dispatch
 * @param output the agent's result as JSON, once executed
 * @param confidence the evaluation score in [0, 1], once evaluated
 * @param error why the task failed, when it did
 * @param revision optimistic-concurrency revision, incremented by every stored change
 */
public record AgentTask(
    TaskId id,
    TenantId tenantId,
    String objective,
    String taskType,
    TaskPriority priority,
    List<String> requiredCapabilities,
    Map<String, Object> context,
    boolean requiresApproval,
    TaskStatus status,
    Optional<AgentId> assignedAgentId,
    Map<String, Object> output,
    Optional<Double> confidence,
    Optional<String> error,
    Optional<UserId> approvedBy,
    long revision,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> startedAt,
    Optional<Instant> completedAt) {

  public AgentTask {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(objective, "objective");
    requireText(taskType, "taskType");
    requireNonNull(priority, "priority is null");
    requiredCapabilities =
        List.copyOf(requireNonNull(requiredCapabilities, "requiredCapabilities is null"));
    context = Json.copyOf(context);
    requireNonNull(status, "status is null");
    requireOptional(assignedAgentId, "assignedAgentId");
    output = Json.copyOf(output);
    requireOptional(confidence, "confidence");
    confidence.ifPresent(c -> Checks.requireUnit(c, "confidence"));
    requireOptional(error, "error");
    requireOptional(approvedBy, "approvedBy");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    requireOptional(startedAt, "startedAt");
    requireOptional(completedAt, "completedAt");
  }

  /** A new task as submitted: queued, unassigned, revision 0. */
  public static AgentTask submitted(
      TaskId id,
      TenantId tenantId,
      String objective,
      String taskType,
      TaskPriority priority,
      List<String> requiredCapabilities,
      Map<String, Object> context,
      boolean requiresApproval,
      Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        TaskStatus.QUEUED,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        now,
        now,
        Optional.empty(),
        Optional.empty());
  }

  /** This task in {@code next} status at {@code now}; legality is the state machine's business. */
  public AgentTask withStatus(TaskStatus next, Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        next,
        assignedAgentId,
        output,
        confidence,
        error,
        approvedBy,
        revision,
        createdAt,
        now,
        startedAt.isPresent() || next == TaskStatus.QUEUED ? startedAt : Optional.of(now),
        next.isTerminal() ? Optional.of(now) : completedAt);
  }

  public AgentTask withAssignedAgent(AgentId agent, Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        status,
        Optional.of(agent),
        output,
        confidence,
        error,
        approvedBy,
        revision,
        createdAt,
        now,
        startedAt,
        completedAt);
  }

  public AgentTask withOutput(Map<String, Object> result, Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        status,
        assignedAgentId,
        result,
        confidence,
        error,
        approvedBy,
        revision,
        createdAt,
        now,
        startedAt,
        completedAt);
  }

  public AgentTask withConfidence(double score, Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        status,
        assignedAgentId,
        output,
        Optional.of(score),
        error,
        approvedBy,
        revision,
        createdAt,
        now,
        startedAt,
        completedAt);
  }

  public AgentTask withError(String reason, Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        status,
        assignedAgentId,
        output,
        confidence,
        Optional.of(reason),
        approvedBy,
        revision,
        createdAt,
        now,
        startedAt,
        completedAt);
  }

  public AgentTask withApprovedBy(UserId user, Instant now) {
    return new AgentTask(
        id,
        tenantId,
        objective,
        taskType,
        priority,
        requiredCapabilities,
        context,
        requiresApproval,
        status,
        assignedAgentId,
        output,
        confidence,
        error,
        Optional.of(user),
        revision,
        createdAt,
        now,
        startedAt,
        completedAt);
  }
}
