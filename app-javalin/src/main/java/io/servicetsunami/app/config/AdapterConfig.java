package io.servicetsunami.app.config;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.adk.AdkSettings;
import io.servicetsunami.adapters.connectors.HostPolicy;
import io.servicetsunami.adapters.databricks.DatabricksSettings;
import io.servicetsunami.adapters.duckdb.DuckDbSettings;
import io.servicetsunami.adapters.k8s.ClusterAccess;
import io.servicetsunami.adapters.k8s.KubernetesSettings;
import io.servicetsunami.adapters.llm.LlmSettings;
import io.servicetsunami.adapters.local.LocalRuntimeSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSettings;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.core.instance.InstanceSettings;
import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.core.task.AgentRuntimes;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which adapter serves each port, and its settings, read from environment variables. Every value is
 * parsed here, before anything starts, so that a bad one stops start-up with one line.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>{@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}</td><td>unset: in-process
 *       Temporal server on {@code 127.0.0.1:$TEMPORAL_EMBEDDED_PORT} (7233); namespace
 *       {@code default}</td></tr>
 *   <tr><td>{@code TASK_APPROVAL_EXPIRY}</td><td>unset: a task waits for approval for ever</td></tr>
 *   <tr><td>{@code INSTANCE_RUNTIME}</td><td>{@code local}: real OpenClaw gateway processes on
 *       loopback under {@code $DATA_DIR/instances}; {@code kubernetes}: releases in a cluster
 *       ({@code KUBERNETES_ACCESS} = {@code in-cluster} or {@code kubeconfig}, default in-cluster
 *       inside a pod; {@code KUBECONFIG}, {@code KUBE_CONTEXT})</td></tr>
 *   <tr><td>{@code OPENCLAW_NAMESPACE}, {@code OPENCLAW_VERSION}</td><td>{@code prod},
 *       {@value #DEFAULT_OPENCLAW_VERSION}</td></tr>
 *   <tr><td>{@code OPENCLAW_GATEWAY_TOKEN}</td><td>unset: only each instance's own token</td></tr>
 *   <tr><td>{@code ADK_BASE_URL} (and {@code ADK_*})</td><td>unset: no ADK runtime</td></tr>
 *   <tr><td>{@code AGENT_RUNTIME}</td><td>{@code adk} when {@code ADK_BASE_URL} is set, else
 *       {@code openclaw} (the tenant's own agent): where tasks run</td></tr>
 *   <tr><td>{@code AGENT_RUNTIME_OVERRIDES}</td><td>none; e.g.
 *       {@code tenant:<uuid>=openclaw,agent:<uuid>=adk}, an agent's winning over its
 *       tenant's</td></tr>
 *   <tr><td>{@code DATABRICKS_HOST} (and {@code DATABRICKS_*})</td><td>unset: DuckDB in
 *       {@code $DATA_DIR/lakehouse.duckdb}</td></tr>
 *   <tr><td>{@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY}, {@code LLM_DEFAULT_PROVIDER}</td>
 *       <td>unset: knowledge extraction is refused as {@code llm_rejected}</td></tr>
 *   <tr><td>{@code KNOWLEDGE_LLM_MODEL}</td><td>{@code $DEFAULT_LLM_MODEL}</td></tr>
 *   <tr><td>{@code CONNECTOR_*}</td><td>the connectors' host policy (see {@code HostPolicy})</td></tr>
 * </table>
 */
public record AdapterConfig(
    TemporalSettings temporal,
    InstanceRuntimeKind instanceRuntime,
    LocalRuntimeSettings local,
    Optional<KubernetesSettings> kubernetes,
    InstanceSettings instances,
    OpenClawSettings openClaw,
    Optional<Secret> sharedGatewayToken,
    Optional<AdkSettings> adk,
    AgentRuntimeConfig agentRuntime,
    DuckDbSettings duckDb,
    Optional<DatabricksSettings> databricks,
    LlmSettings llm,
    String knowledgeModel,
    HostPolicy connectorHosts) {

  public static final String DEFAULT_OPENCLAW_VERSION = "2026.9.6";

  /** Where tenant instances run. */
  public enum InstanceRuntimeKind {
    /** Gateway processes on this machine (the embedded mode). */
    LOCAL,
    /** Releases in a Kubernetes cluster (production). */
    KUBERNETES
  }

  public AdapterConfig {
    requireNonNull(temporal, "temporal is null");
    requireNonNull(instanceRuntime, "instanceRuntime is null");
    requireNonNull(local, "local is null");
    requireNonNull(kubernetes, "kubernetes is null");
    if (instanceRuntime == InstanceRuntimeKind.KUBERNETES && kubernetes.isEmpty()) {
      throw new ConfigException("INSTANCE_RUNTIME=kubernetes needs the cluster settings");
    }
    requireNonNull(instances, "instances is null");
    requireNonNull(openClaw, "openClaw is null");
    requireNonNull(sharedGatewayToken, "sharedGatewayToken is null");
    requireNonNull(adk, "adk is null");
    requireNonNull(agentRuntime, "agentRuntime is null");
    if (agentRuntime.defaultKind().equals(Optional.of(AgentRuntimeKind.ADK)) && adk.isEmpty()) {
      throw new ConfigException(
          "AGENT_RUNTIME=adk needs ADK_BASE_URL, the address of the ADK API server");
    }
    requireNonNull(duckDb, "duckDb is null");
    requireNonNull(databricks, "databricks is null");
    requireNonNull(llm, "llm is null");
    requireNonNull(knowledgeModel, "knowledgeModel is null");
    requireNonNull(connectorHosts, "connectorHosts is null");
  }

  /**
   * The adapters {@code env} selects, with their files under {@code dataDirectory}.
   *
   * @throws ConfigException naming the first bad setting
   */
  public static AdapterConfig fromEnvironment(
      Map<String, String> env, Path dataDirectory, String defaultLlmModel) {
    requireNonNull(env, "env is null");
    requireNonNull(dataDirectory, "dataDirectory is null");
    TemporalSettings temporal = parse("TEMPORAL_*", () -> TemporalSettings.fromEnvironment(env));

    InstanceRuntimeKind kind =
        switch (text(env, "INSTANCE_RUNTIME").orElse("local").toLowerCase(Locale.ROOT)) {
          case "local" -> InstanceRuntimeKind.LOCAL;
          case "kubernetes", "k8s" -> InstanceRuntimeKind.KUBERNETES;
          default ->
              throw new ConfigException(
                  "INSTANCE_RUNTIME must be local or kubernetes: " + env.get("INSTANCE_RUNTIME"));
        };
    Optional<KubernetesSettings> kubernetes = Optional.empty();
    if (kind == InstanceRuntimeKind.KUBERNETES) {
      String access =
          text(env, "KUBERNETES_ACCESS")
              .orElse(
                  text(env, "KUBERNETES_SERVICE_HOST").isPresent() ? "in-cluster" : "kubeconfig");
      ClusterAccess cluster =
          parse(
              "KUBERNETES_ACCESS",
              () ->
                  ClusterAccess.of(
                      access, text(env, "KUBECONFIG").map(Path::of), text(env, "KUBE_CONTEXT")));
      kubernetes = Optional.of(KubernetesSettings.defaults(cluster));
    }
    String namespace = text(env, "OPENCLAW_NAMESPACE").orElse("prod");
    String version = text(env, "OPENCLAW_VERSION").orElse(DEFAULT_OPENCLAW_VERSION);
    InstanceSettings instances =
        parse(
            "OPENCLAW_NAMESPACE/OPENCLAW_VERSION",
            () ->
                new InstanceSettings(
                    namespace,
                    version,
                    ResourceSpec.DEFAULT,
                    InstanceSettings.defaults(version).readyTimeout()));

    Optional<AdkSettings> adk =
        text(env, "ADK_BASE_URL").isPresent()
            ? Optional.of(parse("ADK_*", () -> AdkSettings.fromEnvironment(env)))
            : Optional.empty();
    AgentRuntimeConfig agentRuntime = AgentRuntimeConfig.fromEnvironment(env);
    Optional<DatabricksSettings> databricks =
        parse("DATABRICKS_*", () -> DatabricksSettings.fromEnvironment(env));
    DuckDbSettings duckDb =
        parse(
            "LAKEHOUSE_MAX_FILE_BYTES",
            () -> {
              DuckDbSettings defaults = DuckDbSettings.inDirectory(dataDirectory);
              return text(env, "LAKEHOUSE_MAX_FILE_BYTES")
                  .map(v -> defaults.withMaxFileBytes(Long.parseLong(v)))
                  .orElse(defaults);
            });
    LlmSettings llm = parse("LLM settings", () -> LlmSettings.fromEnvironment(env));
    HostPolicy hosts = parse("CONNECTOR_* host policy", () -> HostPolicy.fromEnvironment(env));

    return new AdapterConfig(
        temporal,
        kind,
        LocalRuntimeSettings.defaults(dataDirectory.resolve("instances"), env),
        kubernetes,
        instances,
        OpenClawSettings.defaults(dataDirectory.resolve("devices")),
        text(env, "OPENCLAW_GATEWAY_TOKEN").map(Secret::of),
        adk,
        agentRuntime,
        duckDb,
        databricks,
        llm,
        text(env, "KNOWLEDGE_LLM_MODEL").orElse(defaultLlmModel),
        hosts);
  }

  /** The runtime policy for tasks, its default following {@code ADK_BASE_URL} unless set. */
  public AgentRuntimes.Policy agentRuntimePolicy() {
    return agentRuntime.policy(adk.isPresent());
  }

  /** Embedded Temporal on {@code port} (0: any free port), for tests and a second app. */
  public AdapterConfig withTemporal(TemporalSettings value) {
    return new AdapterConfig(
        value,
        instanceRuntime,
        local,
        kubernetes,
        instances,
        openClaw,
        sharedGatewayToken,
        adk,
        agentRuntime,
        duckDb,
        databricks,
        llm,
        knowledgeModel,
        connectorHosts);
  }

  public AdapterConfig withAdk(Optional<AdkSettings> value) {
    return new AdapterConfig(
        temporal,
        instanceRuntime,
        local,
        kubernetes,
        instances,
        openClaw,
        sharedGatewayToken,
        value,
        agentRuntime,
        duckDb,
        databricks,
        llm,
        knowledgeModel,
        connectorHosts);
  }

  public AdapterConfig withAgentRuntime(AgentRuntimeConfig value) {
    return new AdapterConfig(
        temporal,
        instanceRuntime,
        local,
        kubernetes,
        instances,
        openClaw,
        sharedGatewayToken,
        adk,
        value,
        duckDb,
        databricks,
        llm,
        knowledgeModel,
        connectorHosts);
  }

  public AdapterConfig withLocal(LocalRuntimeSettings value) {
    return new AdapterConfig(
        temporal,
        instanceRuntime,
        value,
        kubernetes,
        instances,
        openClaw,
        sharedGatewayToken,
        adk,
        agentRuntime,
        duckDb,
        databricks,
        llm,
        knowledgeModel,
        connectorHosts);
  }

  public AdapterConfig withInstances(InstanceSettings value) {
    return new AdapterConfig(
        temporal,
        instanceRuntime,
        local,
        kubernetes,
        value,
        openClaw,
        sharedGatewayToken,
        adk,
        agentRuntime,
        duckDb,
        databricks,
        llm,
        knowledgeModel,
        connectorHosts);
  }

  public AdapterConfig withOpenClaw(OpenClawSettings value) {
    return new AdapterConfig(
        temporal,
        instanceRuntime,
        local,
        kubernetes,
        instances,
        value,
        sharedGatewayToken,
        adk,
        agentRuntime,
        duckDb,
        databricks,
        llm,
        knowledgeModel,
        connectorHosts);
  }

  private static <T> T parse(String setting, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException(setting + ": " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "invalid" : message.replaceAll("\\s+", " ").strip();
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** One line for people: which adapter serves what. */
  public String describe() {
    String temporalText =
        temporal.mode() == TemporalSettings.Mode.EMBEDDED
            ? "Temporal embedded on 127.0.0.1:" + temporal.embeddedPort()
            : "Temporal " + temporal.address().orElse("?") + "/" + temporal.namespace();
    String instancesText =
        instanceRuntime == InstanceRuntimeKind.LOCAL
            ? "instances as local gateway processes"
            : "instances on Kubernetes (" + instances.namespace() + ")";
    String tasksText = "tasks on " + agentRuntimeText();
    String lakehouseText =
        databricks.isPresent() ? "lakehouse on Databricks" : "lakehouse " + duckDb.databaseFile();
    return String.join(", ", temporalText, instancesText, tasksText, lakehouseText);
  }

  private String agentRuntimeText() {
    AgentRuntimes.Policy policy = agentRuntimePolicy();
    String text =
        policy.defaultKind() == AgentRuntimeKind.ADK
            ? "ADK " + adk.map(a -> a.baseUrl().toString()).orElse("?")
            : "the tenant's OpenClaw agent";
    int overrides = policy.byTenant().size() + policy.byAgent().size();
    return overrides == 0 ? text : text + " (" + overrides + " overrides)";
  }

  /** Never shows a token or key. */
  @Override
  public String toString() {
    return "AdapterConfig[temporal="
        + temporal
        + ", instanceRuntime="
        + instanceRuntime
        + ", instances="
        + instances
        + ", agentRuntime="
        + agentRuntimeText()
        + ", lakehouse="
        + (databricks.isPresent() ? "databricks" : "duckdb " + duckDb.databaseFile())
        + "]";
  }
}
