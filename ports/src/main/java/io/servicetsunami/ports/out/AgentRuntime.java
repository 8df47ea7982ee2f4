package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs an agent task on an agent runtime (an ADK API server, or the tenant's OpenClaw agent). */
public interface AgentRuntime {

  /**
   * One task run.
   *
   * @param sessionKey derived from the task id: a retried step continues the same session
   * @param idempotencyKey derived from the execution: a retried step never starts a second run
   * @param prompt the objective with the agent's instructions and recalled memories, size-bounded
   * @param gateway the tenant's gateway, for runtimes that run on it
   */
  record AgentRun(
      TenantId tenantId,
      TaskId taskId,
      AgentId agentId,
      String sessionKey,
      String idempotencyKey,
      String instructions,
      String prompt,
      Map<String, Object> context,
      String llmModel,
      Optional<GatewayEndpoint> gateway) {
    public AgentRun {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(taskId, "taskId is null");
      requireNonNull(agentId, "agentId is null");
      requireNonNull(sessionKey, "sessionKey is null");
      requireNonNull(idempotencyKey, "idempotencyKey is null");
      requireNonNull(instructions, "instructions is null");
      requireNonNull(prompt, "prompt is null");
      context = Json.copyOf(context);
      requireNonNull(llmModel, "llmModel is null");
      requireNonNull(gateway, "gateway is null");
    }
  }

  /** A tool the agent called during the run. */
  record ToolCall(
      String name, Map<String, Object> arguments, Map<String, Object> result, boolean error) {
    public ToolCall {
      requireNonNull(name, "name is null");
      arguments = Json.copyOf(arguments);
      result = Json.copyOf(result);
    }
  }

  /** What the run produced. */
  record AgentRunResult(String finalText, Map<String, Object> output, List<ToolCall> toolCalls) {
    public AgentRunResult {
      requireNonNull(finalText, "finalText is null");
      output = Json.copyOf(output);
      toolCalls = List.copyOf(requireNonNull(toolCalls, "toolCalls is null"));
    }
  }

  /**
   * Runs the task to its final response.
   *
   * @throws TransientException {@code runtime_unavailable} when the runtime cannot be reached or
   *     times out
   * @throws PermanentException {@code runtime_failed} when the runtime rejects the run; {@code
   *     no_agent_runtime} when none is configured for the tenant
   */
  AgentRunResult run(AgentRun run);
}
