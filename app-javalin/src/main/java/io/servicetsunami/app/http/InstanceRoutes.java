package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.in.DeployInstanceUseCase;
import io.servicetsunami.ports.in.DeployInstanceUseCase.DeployInstanceCommand;
import io.servicetsunami.ports.in.DestroyInstanceUseCase;
import io.servicetsunami.ports.in.GetInstanceLogsUseCase;
import io.servicetsunami.ports.in.GetInstanceUseCase;
import io.servicetsunami.ports.in.InstanceOperation;
import io.servicetsunami.ports.in.ListInstancesUseCase;
import io.servicetsunami.ports.in.RestartInstanceUseCase;
import io.servicetsunami.ports.in.StartInstanceUseCase;
import io.servicetsunami.ports.in.StopInstanceUseCase;
import io.servicetsunami.ports.in.UpgradeInstanceUseCase;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.TenantInstance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's OpenClaw instance, the seed's nine endpoints: list, deploy (202 with the
 * provisioning workflow's id), get, stop, start, restart, upgrade (202), destroy, logs. Tokens are
 * never part of a response.
 */
public final class InstanceRoutes implements RouteGroup {

  static final int DEFAULT_TAIL = 100;

  record Resources(
      String cpuRequest,
      String cpuLimit,
      String memoryRequest,
      String memoryLimit,
      String storageSize) {

    static Resources of(ResourceSpec spec) {
      return new Resources(
          spec.cpuRequest(),
          spec.cpuLimit(),
          spec.memoryRequest(),
          spec.memoryLimit(),
          spec.storageSize());
    }

    /** Unset values take the defaults. */
    ResourceSpec toSpec() {
      ResourceSpec d = ResourceSpec.DEFAULT;
      return new ResourceSpec(
          cpuRequest == null ? d.cpuRequest() : cpuRequest,
          cpuLimit == null ? d.cpuLimit() : cpuLimit,
          memoryRequest == null ? d.memoryRequest() : memoryRequest,
          memoryLimit == null ? d.memoryLimit() : memoryLimit,
          storageSize == null ? d.storageSize() : storageSize);
    }
  }

  record DeployRequest(String version, Resources resources) {}

  record UpgradeRequest(String version) {}

  record InstanceResponse(
      String id,
      String tenantId,
      String version,
      String status,
      String helmRelease,
      String k8sNamespace,
      Resources resources,
      String internalUrl,
      String errorMessage,
      Instant createdAt,
      Instant updatedAt,
      String workflowId) {

    static InstanceResponse of(TenantInstance instance, String workflowId) {
      return new InstanceResponse(
          instance.id().toString(),
          instance.tenantId().toString(),
          instance.version(),
          instance.status().wire(),
          instance.helmRelease(),
          instance.k8sNamespace(),
          Resources.of(instance.resources()),
          instance.internalUrl().orElse(null),
          instance.errorMessage().orElse(null),
          instance.createdAt(),
          instance.updatedAt(),
          workflowId);
    }

    static InstanceResponse of(InstanceOperation operation) {
      return of(operation.instance(), operation.workflowId());
    }
  }

  record LogsResponse(String instanceId, int tail, List<String> lines) {}

  private final ObjectMapper mapper;
  private final DeployInstanceUseCase deploy;
  private final ListInstancesUseCase list;
  private final GetInstanceUseCase get;
  private final StopInstanceUseCase stop;
  private final StartInstanceUseCase start;
  private final RestartInstanceUseCase restart;
  private final UpgradeInstanceUseCase upgrade;
  private final DestroyInstanceUseCase destroy;
  private final GetInstanceLogsUseCase logs;

  @Inject
  public InstanceRoutes(
      ObjectMapper mapper,
      DeployInstanceUseCase deploy,
      ListInstancesUseCase list,
      GetInstanceUseCase get,
      StopInstanceUseCase stop,
      StartInstanceUseCase start,
      RestartInstanceUseCase restart,
      UpgradeInstanceUseCase upgrade,
      DestroyInstanceUseCase destroy,
      GetInstanceLogsUseCase logs) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.deploy = requireNonNull(deploy, "deploy is null");
    this.list = requireNonNull(list, "list is null");
    this.get = requireNonNull(get, "get is null");
    this.stop = requireNonNull(stop, "stop is null");
    this.start = requireNonNull(start, "start is null");
    this.restart = requireNonNull(restart, "restart is null");
    this.upgrade = requireNonNull(upgrade, "upgrade is null");
    this.destroy = requireNonNull(destroy, "destroy is null");
    this.logs = requireNonNull(logs, "logs is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    String instances = ApiRoutes.API + "/instances";
    routes.get(instances, this::list);
    routes.post(instances, this::deploy);
    routes.get(instances + "/{id}", this::get);
    routes.post(instances + "/{id}/stop", this::stop);
    routes.post(instances + "/{id}/start", this::start);
    routes.post(instances + "/{id}/restart", this::restart);
    routes.post(instances + "/{id}/upgrade", this::upgrade);
    routes.delete(instances + "/{id}", this::destroy);
    routes.get(instances + "/{id}/logs", this::logs);
  }

  void list(Context ctx, Principal principal) {
    ctx.json(
        list.list(principal.tenantId()).stream()
            .map(instance -> InstanceResponse.of(instance, null))
            .toList());
  }

  void deploy(Context ctx, Principal principal) {
    DeployRequest request =
        Requests.optionalBody(mapper, ctx, DeployRequest.class)
            .orElse(new DeployRequest(null, null));
    InstanceOperation operation =
        deploy.deploy(
            new DeployInstanceCommand(
                principal.tenantId(),
                Optional.ofNullable(request.version()).filter(v -> !v.isBlank()),
                Optional.ofNullable(request.resources()).map(InstanceRoutes::spec)));
    ctx.status(202).json(InstanceResponse.of(operation));
  }

  void get(Context ctx, Principal principal) {
    ctx.json(InstanceResponse.of(get.get(principal.tenantId(), id(ctx)), null));
  }

  void stop(Context ctx, Principal principal) {
    ctx.json(InstanceResponse.of(stop.stop(principal.tenantId(), id(ctx)), null));
  }

  void start(Context ctx, Principal principal) {
    ctx.json(InstanceResponse.of(start.start(principal.tenantId(), id(ctx)), null));
  }

  void restart(Context ctx, Principal principal) {
    ctx.json(InstanceResponse.of(restart.restart(principal.tenantId(), id(ctx)), null));
  }

  void upgrade(Context ctx, Principal principal) {
    InstanceId id = id(ctx);
    UpgradeRequest request = Json.body(mapper, ctx, UpgradeRequest.class);
    InstanceOperation operation =
        upgrade.upgrade(
            principal.tenantId(), id, AuthRoutes.required(request.version(), "version"));
    ctx.status(202).json(InstanceResponse.of(operation));
  }

  void destroy(Context ctx, Principal principal) {
    destroy.destroy(principal.tenantId(), id(ctx));
    ctx.status(204);
  }

  void logs(Context ctx, Principal principal) {
    InstanceId id = id(ctx);
    int tail = Requests.queryInt(ctx, "tail", DEFAULT_TAIL, 1, GetInstanceLogsUseCase.MAX_TAIL);
    ctx.json(new LogsResponse(id.toString(), tail, logs.logs(principal.tenantId(), id, tail)));
  }

  private static ResourceSpec spec(Resources resources) {
    try {
      return resources.toSpec();
    } catch (IllegalArgumentException e) {
      throw new io.servicetsunami.ports.error.InvalidInputException(
          ErrorCode.INVALID_INPUT, "invalid field: resources (" + e.getMessage() + ")", e);
    }
  }

  private static InstanceId id(Context ctx) {
    return Requests.id(ctx, "id", InstanceId::parse, ErrorCode.INSTANCE_NOT_FOUND);
  }
}
