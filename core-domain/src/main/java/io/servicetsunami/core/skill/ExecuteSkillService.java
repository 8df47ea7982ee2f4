package io.servicetsunami.core.skill;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.instance.RunningInstances;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.ExecuteSkillUseCase;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.SkillDefinition;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.SkillConfigRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import io.servicetsunami.ports.out.SkillGateway.SkillResult;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.TenantRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Skill routing: runs one skill on the tenant's gateway in seven steps, in this order —
 *
 * <ol>
 *   <li>resolve the tenant's instance, which must be running;
 *   <li>ask the instance's circuit breaker, so an unhealthy gateway is not even prepared for;
 *   <li>validate the tenant's skill configuration (enabled; approval gate);
 *   <li>decrypt the skill's credentials;
 *   <li>resolve the LLM model (the skill's override, else the tenant default);
 *   <li>call the gateway, reporting transport errors, timeouts and gateway errors to the breaker (a
 *       skill's own error is a success for the breaker);
 *   <li>record a {@code skill_call} trace when the execution belongs to a task.
 * </ol>
 *
 * Decrypted credentials exist only between steps 4 and 6; whatever the gateway echoes of them is
 * masked before it reaches results, traces or exceptions.
 */
public final class ExecuteSkillService implements ExecuteSkillUseCase {

  /** The trace of a skill call belongs to the task's execute step. */
  static final int SKILL_CALL_STEP_ORDER = 3;

  private final SkillRegistry registry;
  private final TenantRepository tenants;
  private final TenantInstanceRepository instances;
  private final CircuitBreakers breakers;
  private final SkillConfigRepository configs;
  private final SkillCredentialRepository credentials;
  private final CredentialCipher cipher;
  private final GatewayEndpoints endpoints;
  private final SkillGateway gateway;
  private final AgentTaskRepository tasks;
  private final ExecutionTraceRepository traces;
  private final Clock clock;
  private final IdGenerator ids;

  public ExecuteSkillService(
      SkillRegistry registry,
      TenantRepository tenants,
      TenantInstanceRepository instances,
      CircuitBreakers breakers,
      SkillConfigRepository configs,
      SkillCredentialRepository credentials,
      CredentialCipher cipher,
      GatewayEndpoints endpoints,
      SkillGateway gateway,
      AgentTaskRepository tasks,
      ExecutionTraceRepository traces,
      Clock clock,
      IdGenerator ids) {
    this.registry = requireNonNull(registry, "registry is null");
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.breakers = requireNonNull(breakers, "breakers is null");
    this.configs = requireNonNull(configs, "configs is null");
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.endpoints = requireNonNull(endpoints, "endpoints is null");
    this.gateway = requireNonNull(gateway, "gateway is null");
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.traces = requireNonNull(traces, "traces is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  @Override
  public SkillOutcome execute(ExecuteSkillCommand command) {
    TenantId tenantId = command.tenantId();
    SkillDefinition skill =
        registry
            .find(command.skillName())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.SKILL_NOT_FOUND, "no skill named '" + command.skillName() + "'"));
    ExecutionId executionId = command.executionId().orElseGet(() -> new ExecutionId(ids.newId()));
    // The call's trace belongs to the task: a task the tenant does not have is refused before
    // anything runs, not after the gateway ran the skill.
    command
        .taskId()
        .filter(task -> tasks.find(tenantId, task).isEmpty())
        .ifPresent(
            task -> {
              throw new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task " + task + " not found");
            });

    // 1. The tenant's instance, running.
    TenantInstance instance = RunningInstances.require(instances, tenantId);

    // 2. The circuit breaker, before anything is decrypted.
    if (breakers.tryAcquire(instance.id()) instanceof CircuitBreakers.Rejected rejected) {
      throw TransientException.retryAfter(
          ErrorCode.CIRCUIT_OPEN,
          "the tenant's OpenClaw gateway failed repeatedly; calls are paused",
          rejected.retryAfter());
    }

    boolean called = false;
    try {
      // 3. The tenant's configuration of the skill.
      SkillConfig config = enabledConfig(tenantId, skill);
      if (config.requiresApproval() && command.approvedBy().isEmpty()) {
        return new AwaitingApproval(executionId);
      }

      // 4. Credentials, decrypted for this call only.
      Map<String, Secret> secrets = decryptCredentials(tenantId, skill.name());

      // 5. The model.
      String model = config.llmModel().orElseGet(() -> tenantDefaultModel(tenantId));

      // 6. The gateway.
      GatewayEndpoint endpoint = endpoints.of(instance);
      Redaction redaction = new Redaction(secretsOf(secrets, endpoint));
      SkillInvocation invocation =
          new SkillInvocation(
              executionId,
              skill.name(),
              skill.kind(),
              command.input(),
              model,
              secrets,
              "skill-" + executionId);
      Instant started = clock.now();
      called = true;
      SkillResult result;
      try {
        result = gateway.execute(endpoint, invocation);
      } catch (PortException failure) {
        if (isGatewayFault(failure)) {
          breakers.onFailure(instance.id());
        } else {
          // The gateway answered; the request itself was refused (too large, say).
          breakers.onSuccess(instance.id());
        }
        PortException safe = redaction.exception(failure);
        long failedAfter = millisSince(started);
        command
            .taskId()
            .ifPresent(
                task ->
                    trace(
                        tenantId,
                        task,
                        executionId,
                        skill,
                        model,
                        "error",
                        safe.getMessage(),
                        failedAfter));
        throw safe;
      }
      breakers.onSuccess(instance.id());
      long durationMs = millisSince(started);

      // 7. The trace.
      if (result instanceof SkillGateway.Succeeded succeeded) {
        command
            .taskId()
            .ifPresent(
                task ->
                    trace(tenantId, task, executionId, skill, model, "success", null, durationMs));
        return new Completed(executionId, redaction.json(succeeded.output()), model, durationMs);
      }
      String message = redaction.text(((SkillGateway.SkillFailed) result).message());
      command
          .taskId()
          .ifPresent(
              task ->
                  trace(
                      tenantId,
                      task,
                      executionId,
                      skill,
                      model,
                      "skill_error",
                      message,
                      durationMs));
      return new SkillError(executionId, message, durationMs);
    } finally {
      if (!called) {
        breakers.release(instance.id());
      }
    }
  }

  /**
   * Transport errors, timeouts and the gateway's own errors count against it; a refusal of this
   * particular request (invalid input, not found) says nothing about the gateway's health.
   */
  private static boolean isGatewayFault(PortException failure) {
    return failure instanceof TransientException || failure instanceof PermanentException;
  }

  private SkillConfig enabledConfig(TenantId tenantId, SkillDefinition skill) {
    SkillConfig config =
        configs
            .find(tenantId, skill.name())
            .orElseThrow(
                () ->
                    new ForbiddenException(
                        ErrorCode.SKILL_DISABLED,
                        "skill '" + skill.name() + "' is not configured for this tenant"));
    if (!config.enabled()) {
      throw new ForbiddenException(
          ErrorCode.SKILL_DISABLED, "skill '" + skill.name() + "' is disabled for this tenant");
    }
    return config;
  }

  private Map<String, Secret> decryptCredentials(TenantId tenantId, String skillName) {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (SkillCredential credential : credentials.list(tenantId, skillName)) {
      secrets.put(credential.key(), cipher.decrypt(tenantId, credential.value()));
    }
    return secrets;
  }

  /** The skill's credentials and the gateway's own tokens: none of them may be echoed back. */
  private static List<Secret> secretsOf(Map<String, Secret> secrets, GatewayEndpoint endpoint) {
    List<Secret> all = new ArrayList<>(secrets.values());
    all.add(endpoint.token());
    endpoint.deviceToken().ifPresent(all::add);
    return all;
  }

  private String tenantDefaultModel(TenantId tenantId) {
    return tenants
        .find(tenantId)
        .map(Tenant::defaultLlmModel)
        .orElseThrow(() -> new NotFoundException(ErrorCode.TENANT_NOT_FOUND, "tenant not found"));
  }

  private void trace(
      TenantId tenantId,
      TaskId task,
      ExecutionId executionId,
      SkillDefinition skill,
      String model,
      String outcome,
      String error,
      long durationMs) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("skill", skill.name());
    details.put("execution_id", executionId.toString());
    details.put("llm_model", model);
    details.put("outcome", outcome);
    if (error != null) {
      details.put("error", error);
    }
    traces.append(
        new ExecutionTrace(
            new TraceId(ids.idFor("trace:" + task + ":skill_call:" + executionId)),
            task,
            tenantId,
            StepType.SKILL_CALL,
            SKILL_CALL_STEP_ORDER,
            Optional.empty(),
            details,
            durationMs,
            clock.now()));
  }

  private long millisSince(Instant started) {
    return Math.max(0, Duration.between(started, clock.now()).toMillis());
  }
}
