package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.CheckSkillHealthUseCase;
import io.servicetsunami.ports.in.CheckSkillHealthUseCase.SkillHealth;
import io.servicetsunami.ports.in.ExecuteSkillUseCase;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.AwaitingApproval;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.Completed;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.ExecuteSkillCommand;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.SkillError;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.SkillOutcome;
import io.servicetsunami.ports.in.GetSkillConfigUseCase;
import io.servicetsunami.ports.in.ListSkillsUseCase;
import io.servicetsunami.ports.in.UpdateSkillConfigUseCase;
import io.servicetsunami.ports.in.UpdateSkillConfigUseCase.UpdateSkillConfigCommand;
import io.servicetsunami.ports.model.CredentialField;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillDefinition;
import io.servicetsunami.ports.model.TaskId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Skills: the registry, the tenant's configuration of one skill (credentials are write-only: a
 * response names the keys that are set, never a value), execution through the tenant's gateway (an
 * open circuit is a 503 with {@code Retry-After}), and the gateway's health.
 */
public final class SkillRoutes implements RouteGroup {

  record CredentialFieldResponse(String key, String label, boolean required) {
    static CredentialFieldResponse of(CredentialField field) {
      return new CredentialFieldResponse(field.key(), field.label(), field.required());
    }
  }

  record SkillResponse(
      String name,
      String displayName,
      String description,
      String category,
      String icon,
      String kind,
      List<CredentialFieldResponse> credentialFields) {
    static SkillResponse of(SkillDefinition skill) {
      return new SkillResponse(
          skill.name(),
          skill.displayName(),
          skill.description(),
          skill.category(),
          skill.icon(),
          skill.kind().wire(),
          skill.credentialFields().stream().map(CredentialFieldResponse::of).toList());
    }
  }

  record SkillConfigResponse(
      String skillName,
      boolean enabled,
      boolean requiresApproval,
      String llmModel,
      Set<String> credentialKeys,
      Instant updatedAt) {
    static SkillConfigResponse of(SkillConfig config) {
      return new SkillConfigResponse(
          config.skillName(),
          config.enabled(),
          config.requiresApproval(),
          config.llmModel().orElse(null),
          new TreeSet<>(config.credentialKeys()),
          config.updatedAt());
    }
  }

  record SkillConfigRequest(
      Boolean enabled,
      Boolean requiresApproval,
      String llmModel,
      Map<String, String> credentials,
      List<String> removeCredentials) {}

  /**
   * One execution. {@code approved}: the caller approves an execution that waits for approval (send
   * it again with its {@code execution_id}); the approver is the caller.
   */
  record ExecuteRequest(
      String skillName,
      @JsonAlias("payload") Map<String, Object> input,
      String executionId,
      String taskId,
      Boolean approved) {}

  record ExecuteResponse(
      String executionId,
      String status,
      Map<String, Object> output,
      String llmModel,
      String error,
      Long durationMs) {}

  record HealthResponse(
      boolean healthy, boolean httpOk, boolean wsOk, String status, String circuit) {
    static HealthResponse of(SkillHealth health) {
      return new HealthResponse(
          health.healthy(),
          health.httpOk(),
          health.wsOk(),
          health.status(),
          health.circuit().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final ObjectMapper mapper;
  private final ListSkillsUseCase list;
  private final GetSkillConfigUseCase getConfig;
  private final UpdateSkillConfigUseCase updateConfig;
  private final ExecuteSkillUseCase execute;
  private final CheckSkillHealthUseCase health;

  @Inject
  public SkillRoutes(
      ObjectMapper mapper,
      ListSkillsUseCase list,
      GetSkillConfigUseCase getConfig,
      UpdateSkillConfigUseCase updateConfig,
      ExecuteSkillUseCase execute,
      CheckSkillHealthUseCase health) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.list = requireNonNull(list, "list is null");
    this.getConfig = requireNonNull(getConfig, "getConfig is null");
    this.updateConfig = requireNonNull(updateConfig, "updateConfig is null");
    this.execute = requireNonNull(execute, "execute is null");
    this.health = requireNonNull(health, "health is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    String skills = ApiRoutes.API + "/skills";
    routes.get(skills, this::list);
    routes.get(skills + "/health", this::health);
    routes.post(skills + "/execute", this::execute);
    routes.get(skills + "/{name}/config", this::getConfig);
    routes.put(skills + "/{name}/config", this::updateConfig);
  }

  void list(Context ctx, Principal principal) {
    ctx.json(list.list().stream().map(SkillResponse::of).toList());
  }

  void getConfig(Context ctx, Principal principal) {
    ctx.json(SkillConfigResponse.of(getConfig.get(principal.tenantId(), ctx.pathParam("name"))));
  }

  void updateConfig(Context ctx, Principal principal) {
    SkillConfigRequest request = Json.body(mapper, ctx, SkillConfigRequest.class);
    Map<String, Secret> credentials = new LinkedHashMap<>();
    if (request.credentials() != null) {
      request
          .credentials()
          .forEach(
              (key, value) -> {
                if (value == null || value.isEmpty()) {
                  throw new InvalidInputException(
                      ErrorCode.INVALID_INPUT,
                      "invalid field: credentials."
                          + key
                          + " (empty; use remove_credentials to delete a credential)");
                }
                credentials.put(key, Secret.of(value));
              });
    }
    SkillConfig updated =
        updateConfig.update(
            new UpdateSkillConfigCommand(
                principal.tenantId(),
                ctx.pathParam("name"),
                Optional.ofNullable(request.enabled()),
                Optional.ofNullable(request.requiresApproval()),
                Optional.ofNullable(request.llmModel()),
                credentials,
                request.removeCredentials() == null
                    ? Set.of()
                    : Set.copyOf(request.removeCredentials())));
    ctx.json(SkillConfigResponse.of(updated));
  }

  void execute(Context ctx, Principal principal) {
    ExecuteRequest request = Json.body(mapper, ctx, ExecuteRequest.class);
    SkillOutcome outcome =
        execute.execute(
            new ExecuteSkillCommand(
                principal.tenantId(),
                AuthRoutes.required(request.skillName(), "skill_name"),
                request.input() == null ? Map.of() : request.input(),
                Optional.ofNullable(request.executionId())
                    .map(id -> parse(id, "execution_id", ExecutionId::parse)),
                Optional.ofNullable(request.taskId())
                    .map(id -> parse(id, "task_id", TaskId::parse)),
                Boolean.TRUE.equals(request.approved())
                    ? Optional.of(principal.userId())
                    : Optional.empty()));
    if (outcome instanceof Completed done) {
      ctx.json(
          new ExecuteResponse(
              done.executionId().toString(),
              "completed",
              done.output(),
              done.llmModel(),
              null,
              done.durationMs()));
    } else if (outcome instanceof SkillError failed) {
      // The skill ran and reported its own error: the request itself succeeded.
      ctx.json(
          new ExecuteResponse(
              failed.executionId().toString(),
              "failed",
              Map.of(),
              null,
              failed.message(),
              failed.durationMs()));
    } else if (outcome instanceof AwaitingApproval waiting) {
      ctx.status(202)
          .json(
              new ExecuteResponse(
                  waiting.executionId().toString(),
                  "awaiting_approval",
                  Map.of(),
                  null,
                  null,
                  null));
    } else {
      throw new IllegalStateException("unknown outcome " + outcome);
    }
  }

  void health(Context ctx, Principal principal) {
    ctx.header("Cache-Control", "no-store")
        .json(HealthResponse.of(health.check(principal.tenantId())));
  }

  private static <T> T parse(String value, String field, java.util.function.Function<String, T> p) {
    try {
      return p.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "invalid field: " + field + " (not a UUID)", e);
    }
  }
}
