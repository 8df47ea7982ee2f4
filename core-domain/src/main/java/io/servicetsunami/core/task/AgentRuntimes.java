package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WireEnum;
import io.servicetsunami.ports.out.AgentRuntime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which agent runtime runs a task: the runtimes this deployment has, by kind, and the policy that
 * picks one per task. An override for the task's agent wins over one for its tenant, which wins
 * over the default; so one agent can be tried on another runtime without moving its whole tenant.
 *
 * <p>A runtime may be chosen that the deployment does not have (an override names ADK, but no ADK
 * server is configured). That is a configuration mistake the task cannot recover from, so running
 * on it fails permanently as {@code no_agent_runtime}, saying what was chosen and why.
 */
public final class AgentRuntimes {

  /** What decided the runtime of a task; recorded in the {@code executing} trace. */
  public enum ChosenBy implements WireEnum {
    /** An override for the task's agent. */
    AGENT,
    /** An override for the task's tenant. */
    TENANT,
    /** The deployment's default. */
    DEFAULT
  }

  /**
   * The runtime choice for tasks of some agents and tenants.
   *
   * @param defaultKind for tasks no override covers
   * @param byTenant overrides for every task of a tenant
   * @param byAgent overrides for every task of an agent; these win over the tenant's
   */
  public record Policy(
      AgentRuntimeKind defaultKind,
      Map<TenantId, AgentRuntimeKind> byTenant,
      Map<AgentId, AgentRuntimeKind> byAgent) {
    public Policy {
      requireNonNull(defaultKind, "defaultKind is null");
      byTenant = Map.copyOf(requireNonNull(byTenant, "byTenant is null"));
      byAgent = Map.copyOf(requireNonNull(byAgent, "byAgent is null"));
    }

    /** {@code kind} for every task. */
    public static Policy always(AgentRuntimeKind kind) {
      return new Policy(kind, Map.of(), Map.of());
    }
  }

  /** The runtime kind chosen for a task, and what chose it. */
  public record Choice(AgentRuntimeKind kind, ChosenBy chosenBy) {
    public Choice {
      requireNonNull(kind, "kind is null");
      requireNonNull(chosenBy, "chosenBy is null");
    }
  }

  private final Map<AgentRuntimeKind, AgentRuntime> available;
  private final Policy policy;

  /**
   * @param available the runtimes this deployment has; a kind left out is not configured
   * @param policy which kind each task runs on
   */
  public AgentRuntimes(Map<AgentRuntimeKind, AgentRuntime> available, Policy policy) {
    requireNonNull(available, "available is null");
    this.available = new EnumMap<>(AgentRuntimeKind.class);
    available.forEach(
        (kind, runtime) ->
            this.available.put(
                requireNonNull(kind, "kind is null"),
                requireNonNull(runtime, "runtime of " + kind + " is null")));
    this.policy = requireNonNull(policy, "policy is null");
  }

  /** Only {@code runtime}, as {@code kind}, for every task. */
  public static AgentRuntimes only(AgentRuntimeKind kind, AgentRuntime runtime) {
    return new AgentRuntimes(Map.of(kind, runtime), Policy.always(kind));
  }

  public Policy policy() {
    return policy;
  }

  /** The kind a task of {@code agent} in {@code tenant} runs on, whether or not it is available. */
  public Choice choose(TenantId tenant, AgentId agent) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(agent, "agent is null");
    AgentRuntimeKind forAgent = policy.byAgent().get(agent);
    if (forAgent != null) {
      return new Choice(forAgent, ChosenBy.AGENT);
    }
    AgentRuntimeKind forTenant = policy.byTenant().get(tenant);
    if (forTenant != null) {
      return new Choice(forTenant, ChosenBy.TENANT);
    }
    return new Choice(policy.defaultKind(), ChosenBy.DEFAULT);
  }

  /** The runtime of {@code kind}, if this deployment has one. */
  public Optional<AgentRuntime> find(AgentRuntimeKind kind) {
    return Optional.ofNullable(available.get(requireNonNull(kind, "kind is null")));
  }

  /**
   * The runtime chosen for {@code task}.
   *
   * @throws PermanentException {@code no_agent_runtime} when the chosen kind is not configured
   */
  AgentRuntime runtimeFor(TaskId task, TenantId tenant, AgentId agent, Choice choice) {
    return find(choice.kind())
        .orElseThrow(
            () ->
                new PermanentException(
                    ErrorCode.NO_AGENT_RUNTIME,
                    "task "
                        + task
                        + " cannot run: the "
                        + choice.kind().wire()
                        + " agent runtime, chosen "
                        + reason(tenant, agent, choice.chosenBy())
                        + ", is not configured in this deployment. Configure it, or choose"
                        + " one of the configured runtimes "
                        + configured()
                        + " for this "
                        + (choice.chosenBy() == ChosenBy.AGENT ? "agent" : "tenant")));
  }

  private static String reason(TenantId tenant, AgentId agent, ChosenBy chosenBy) {
    return switch (chosenBy) {
      case AGENT -> "by the override for agent " + agent;
      case TENANT -> "by the override for tenant " + tenant;
      case DEFAULT -> "as the default";
    };
  }

  private String configured() {
    return available.keySet().stream().map(AgentRuntimeKind::wire).toList().toString();
  }

  @Override
  public String toString() {
    return "AgentRuntimes[available=" + configured() + ", policy=" + policy + "]";
  }
}
