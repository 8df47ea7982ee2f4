package io.servicetsunami.adapters.k8s;

import static io.servicetsunami.adapters.k8s.ReleaseLayout.APP;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.CONFIG_KEY;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.CONFIG_PATH;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.CONTAINER;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.GATEWAY_PORT;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.INSTANCE_ID_LABEL;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.INSTANCE_LABEL;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.MANAGED_BY;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.MANAGED_BY_LABEL;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.NAME_LABEL;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.PORT_NAME;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.SEED_CONFIG_DIR;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.STATE_DIR;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.TENANT_LABEL;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.TOKEN_KEY;
import static io.servicetsunami.adapters.k8s.ReleaseLayout.VERSION_ANNOTATION;
import static java.util.Objects.requireNonNull;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStrategy;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import io.kubernetes.client.util.Yaml;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleasePlan;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a tenant's OpenClaw release ({@code generate_openclaw_values}): its Helm-compatible
 * values and the Kubernetes objects built from them. Pure: the same spec and template give equal
 * results, and nothing here talks to a cluster.
 *
 * <p>The gateway listens on all interfaces ({@code bind: lan}) so other pods reach it through the
 * Service, with token auth; the token comes from the release's secret as {@code
 * OPENCLAW_GATEWAY_TOKEN}, never from the config or the command line. The state directory, which
 * holds the gateway's config, paired devices and sessions, is a persistent volume; the ConfigMap
 * seeds the config there on first start (the gateway writes its own config afterwards, e.g. for
 * skill secret references), while bind, port and auth mode are enforced by command-line flags on
 * every start.
 */
public final class OpenClawReleaseRenderer {

  /** 75 % of the memory limit goes to V8's heap, which otherwise sizes itself from host RAM. */
  private static final BigDecimal HEAP_SHARE = new BigDecimal("0.75");

  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);
  private static final long NODE_USER = 1000L;
  private static final String STATE_VOLUME = "state";
  private static final String SEED_VOLUME = "seed-config";

  private final ReleaseTemplate template;

  public OpenClawReleaseRenderer(ReleaseTemplate template) {
    this.template = requireNonNull(template, "template is null");
  }

  /** The plan the port hands to the core: values and the internal URL. */
  public ReleasePlan plan(InstanceSpec spec) {
    return new ReleasePlan(spec.ref(), values(spec), internalUrl(spec.ref()));
  }

  /** {@code http://{release}.{namespace}.svc.{clusterDomain}:18789}. */
  public String internalUrl(ReleaseRef ref) {
    ReleaseLayout.valid(ref);
    return "http://"
        + ref.release()
        + "."
        + ref.namespace()
        + ".svc."
        + template.clusterDomain()
        + ":"
        + GATEWAY_PORT;
  }

  /**
   * The release's values in the layout of a conventional Helm chart ({@code image}, {@code
   * resources}, {@code persistence}, {@code service}, …). Carries no secret: the token is referred
   * to by secret name and key.
   */
  public Map<String, Object> values(InstanceSpec spec) {
    requireNonNull(spec, "spec is null");
    ReleaseRef ref = ReleaseLayout.valid(spec.ref());
    ResourceSpec r = spec.resources();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fullnameOverride", ref.release());
    values.put("replicaCount", 1);
    values.put(
        "image",
        ordered(
            "repository", template.imageRepository(),
            "tag", spec.version(),
            "pullPolicy", "IfNotPresent"));
    values.put("command", gatewayCommand());
    values.put(
        "tenant",
        ordered("id", spec.tenantId().toString(), "instanceId", spec.instanceId().toString()));
    values.put("commonLabels", new LinkedHashMap<>(commonLabels(spec)));
    values.put(
        "gateway",
        ordered(
            "port",
            GATEWAY_PORT,
            "bind",
            "lan",
            "auth",
            ordered(
                "mode",
                "token",
                "existingSecret",
                ReleaseLayout.secretName(ref),
                "secretKey",
                TOKEN_KEY),
            "stateDir",
            STATE_DIR,
            "configPath",
            CONFIG_PATH,
            "config",
            gatewayConfig()));
    values.put("service", ordered("type", "ClusterIP", "port", GATEWAY_PORT));
    values.put(
        "resources",
        ordered(
            "requests", ordered("cpu", r.cpuRequest(), "memory", r.memoryRequest()),
            "limits", ordered("cpu", r.cpuLimit(), "memory", r.memoryLimit())));
    values.put("nodeMaxOldSpaceMiB", heapMiB(r.memoryLimit()));
    Map<String, Object> persistence =
        ordered(
            "enabled",
            true,
            "size",
            r.storageSize(),
            "accessMode",
            "ReadWriteOnce",
            "mountPath",
            STATE_DIR);
    template
        .storageClass()
        .ifPresent(storageClass -> persistence.put("storageClass", storageClass));
    values.put("persistence", persistence);
    values.put(
        "probes",
        ordered(
            "startup", probeValues(startupProbe()),
            "readiness", probeValues(readinessProbe()),
            "liveness", probeValues(livenessProbe())));
    values.put("internalUrl", internalUrl(ref));
    return values;
  }

  /** The values as a Helm values file, for operators who install the release with Helm. */
  public String valuesYaml(InstanceSpec spec) {
    ReleaseRef ref = spec.ref();
    return "# Values of OpenClaw release "
        + ref.release()
        + " in namespace "
        + ref.namespace()
        + ", rendered by ServiceTsunami.\n"
        + "# The gateway token is not here: it is key "
        + TOKEN_KEY
        + " of secret "
        + ReleaseLayout.secretName(ref)
        + ".\n"
        + Yaml.dump(values(spec));
  }

  /** The release's objects, apart from its secret. */
  public ReleaseObjects objects(InstanceSpec spec) {
    requireNonNull(spec, "spec is null");
    ReleaseLayout.valid(spec.ref());
    return new ReleaseObjects(configMap(spec), stateClaim(spec), service(spec), deployment(spec));
  }

  /** The secret holding the instance's gateway token. */
  public V1Secret secret(InstanceSpec spec, Secret gatewayToken) {
    requireNonNull(gatewayToken, "gatewayToken is null");
    return new V1Secret()
        .apiVersion("v1")
        .kind("Secret")
        .metadata(metadata(spec, ReleaseLayout.secretName(spec.ref())))
        .type("Opaque")
        .data(Map.of(TOKEN_KEY, gatewayToken.reveal().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The gateway's seed config ({@code openclaw.json}): local mode on the gateway port, bound to all
   * interfaces, token auth (token from {@code OPENCLAW_GATEWAY_TOKEN}), and the Control UI off —
   * the control plane does not use it, and a non-loopback Control UI would need allowed origins.
   */
  public static Map<String, Object> gatewayConfig() {
    return ordered(
        "gateway",
        ordered(
            "mode",
            "local",
            "port",
            GATEWAY_PORT,
            "bind",
            "lan",
            "auth",
            ordered("mode", "token"),
            "controlUi",
            ordered("enabled", false)));
  }

  /** How the gateway is started: the CLI plus flags that hold whatever the config says. */
  public List<String> gatewayCommand() {
    List<String> command = new ArrayList<>(template.openclawCommand());
    command.addAll(
        List.of(
            "gateway", "--port", String.valueOf(GATEWAY_PORT), "--bind", "lan", "--auth", "token"));
    return List.copyOf(command);
  }

  private V1ConfigMap configMap(InstanceSpec spec) {
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(metadata(spec, ReleaseLayout.configMapName(spec.ref())))
        .data(Map.of(CONFIG_KEY, JSON.serialize(gatewayConfig())));
  }

  private V1PersistentVolumeClaim stateClaim(InstanceSpec spec) {
    V1PersistentVolumeClaimSpec claim =
        new V1PersistentVolumeClaimSpec()
            .accessModes(List.of("ReadWriteOnce"))
            .resources(
                new V1VolumeResourceRequirements()
                    .requests(Map.of("storage", new Quantity(spec.resources().storageSize()))));
    template.storageClass().ifPresent(claim::storageClassName);
    return new V1PersistentVolumeClaim()
        .apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(metadata(spec, ReleaseLayout.stateClaimName(spec.ref())))
        .spec(claim);
  }

  private V1Service service(InstanceSpec spec) {
    return new V1Service()
        .apiVersion("v1")
        .kind("Service")
        .metadata(metadata(spec, ReleaseLayout.serviceName(spec.ref())))
        .spec(
            new V1ServiceSpec()
                .type("ClusterIP")
                .selector(selector(spec.ref()))
                .ports(
                    List.of(
                        new V1ServicePort()
                            .name(PORT_NAME)
                            .protocol("TCP")
                            .port(GATEWAY_PORT)
                            .targetPort(new IntOrString(PORT_NAME)))));
  }

  private V1Deployment deployment(InstanceSpec spec) {
    ReleaseRef ref = spec.ref();
    V1ObjectMeta metadata = metadata(spec, ReleaseLayout.deploymentName(ref));
    metadata.setAnnotations(new TreeMap<>(Map.of(VERSION_ANNOTATION, spec.version())));
    return new V1Deployment()
        .apiVersion("apps/v1")
        .kind("Deployment")
        .metadata(metadata)
        .spec(
            new V1DeploymentSpec()
                .replicas(1)
                .revisionHistoryLimit(3)
                // One writer per state volume: the old pod stops before the new one starts.
                .strategy(new V1DeploymentStrategy().type("Recreate"))
                .selector(new V1LabelSelector().matchLabels(selector(ref)))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(commonLabels(spec)))
                        .spec(podSpec(spec))));
  }

  private V1PodSpec podSpec(InstanceSpec spec) {
    String image = template.imageRepository() + ":" + spec.version();
    return new V1PodSpec()
        // The gateway never calls the Kubernetes API, and with hundreds of tenants in one
        // namespace service links would flood its environment.
        .automountServiceAccountToken(false)
        .enableServiceLinks(false)
        .terminationGracePeriodSeconds(30L)
        .securityContext(
            new V1PodSecurityContext()
                .runAsNonRoot(true)
                .runAsUser(NODE_USER)
                .runAsGroup(NODE_USER)
                .fsGroup(NODE_USER)
                .seccompProfile(new V1SeccompProfile().type("RuntimeDefault")))
        .initContainers(List.of(seedConfigContainer(image)))
        .containers(List.of(gatewayContainer(spec, image)))
        .volumes(
            List.of(
                new V1Volume()
                    .name(STATE_VOLUME)
                    .persistentVolumeClaim(
                        new V1PersistentVolumeClaimVolumeSource()
                            .claimName(ReleaseLayout.stateClaimName(spec.ref()))),
                new V1Volume()
                    .name(SEED_VOLUME)
                    .configMap(
                        new V1ConfigMapVolumeSource()
                            .name(ReleaseLayout.configMapName(spec.ref())))));
  }

  private V1Container seedConfigContainer(String image) {
    return new V1Container()
        .name("seed-config")
        .image(image)
        .imagePullPolicy("IfNotPresent")
        .command(
            List.of(
                "sh",
                "-c",
                "test -f \"$OPENCLAW_CONFIG_PATH\" || cp "
                    + SEED_CONFIG_DIR
                    + "/"
                    + CONFIG_KEY
                    + " \"$OPENCLAW_CONFIG_PATH\""))
        .env(List.of(new V1EnvVar().name("OPENCLAW_CONFIG_PATH").value(CONFIG_PATH)))
        .resources(
            new V1ResourceRequirements()
                .requests(quantities("10m", "16Mi"))
                .limits(quantities("100m", "64Mi")))
        .securityContext(containerSecurity())
        .volumeMounts(
            List.of(
                new V1VolumeMount().name(STATE_VOLUME).mountPath(STATE_DIR),
                new V1VolumeMount().name(SEED_VOLUME).mountPath(SEED_CONFIG_DIR).readOnly(true)));
  }

  private V1Container gatewayContainer(InstanceSpec spec, String image) {
    ResourceSpec r = spec.resources();
    return new V1Container()
        .name(CONTAINER)
        .image(image)
        .imagePullPolicy("IfNotPresent")
        .command(gatewayCommand())
        .ports(
            List.of(
                new V1ContainerPort().name(PORT_NAME).containerPort(GATEWAY_PORT).protocol("TCP")))
        .env(
            List.of(
                new V1EnvVar()
                    .name(TOKEN_KEY)
                    .valueFrom(
                        new V1EnvVarSource()
                            .secretKeyRef(
                                new V1SecretKeySelector()
                                    .name(ReleaseLayout.secretName(spec.ref()))
                                    .key(TOKEN_KEY))),
                env("HOME", "/home/node"),
                env("OPENCLAW_STATE_DIR", STATE_DIR),
                env("OPENCLAW_CONFIG_PATH", CONFIG_PATH),
                env("OPENCLAW_DISABLE_BONJOUR", "1"),
                env("OPENCLAW_NO_RESPAWN", "1"),
                env("OPENCLAW_NO_AUTO_UPDATE", "1"),
                env("NODE_ENV", "production"),
                env("NODE_OPTIONS", "--max-old-space-size=" + heapMiB(r.memoryLimit()))))
        .resources(
            new V1ResourceRequirements()
                .requests(quantities(r.cpuRequest(), r.memoryRequest()))
                .limits(quantities(r.cpuLimit(), r.memoryLimit())))
        .startupProbe(startupProbe())
        .readinessProbe(readinessProbe())
        .livenessProbe(livenessProbe())
        .securityContext(containerSecurity())
        .volumeMounts(List.of(new V1VolumeMount().name(STATE_VOLUME).mountPath(STATE_DIR)));
  }

  // The gateway took 13-42 s to become ready on 2 vCPU: allow 3 minutes to start, then probe.
  private static V1Probe startupProbe() {
    return httpProbe("/healthz").periodSeconds(5).timeoutSeconds(3).failureThreshold(36);
  }

  private static V1Probe readinessProbe() {
    return httpProbe("/readyz").periodSeconds(10).timeoutSeconds(5).failureThreshold(3);
  }

  private static V1Probe livenessProbe() {
    return httpProbe("/healthz").periodSeconds(30).timeoutSeconds(10).failureThreshold(3);
  }

  private static V1Probe httpProbe(String path) {
    return new V1Probe().httpGet(new V1HTTPGetAction().path(path).port(new IntOrString(PORT_NAME)));
  }

  private static Map<String, Object> probeValues(V1Probe probe) {
    return ordered(
        "path", probe.getHttpGet().getPath(),
        "port", GATEWAY_PORT,
        "periodSeconds", probe.getPeriodSeconds(),
        "timeoutSeconds", probe.getTimeoutSeconds(),
        "failureThreshold", probe.getFailureThreshold());
  }

  private static V1SecurityContext containerSecurity() {
    return new V1SecurityContext()
        .allowPrivilegeEscalation(false)
        .capabilities(new V1Capabilities().drop(List.of("ALL")));
  }

  private static V1ObjectMeta metadata(InstanceSpec spec, String name) {
    return new V1ObjectMeta()
        .name(name)
        .namespace(spec.ref().namespace())
        .labels(commonLabels(spec));
  }

  private static Map<String, String> commonLabels(InstanceSpec spec) {
    Map<String, String> labels = new TreeMap<>(selector(spec.ref()));
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(TENANT_LABEL, spec.tenantId().toString());
    labels.put(INSTANCE_ID_LABEL, spec.instanceId().toString());
    return labels;
  }

  // Selectors are immutable once created, so they hold only what never changes for a release.
  private static Map<String, String> selector(ReleaseRef ref) {
    return new TreeMap<>(Map.of(NAME_LABEL, APP, INSTANCE_LABEL, ref.release()));
  }

  private static int heapMiB(String memoryLimit) {
    BigDecimal bytes = new Quantity(memoryLimit).getNumber();
    return bytes.multiply(HEAP_SHARE).divide(MIB, 0, RoundingMode.FLOOR).intValueExact();
  }

  private static Map<String, Quantity> quantities(String cpu, String memory) {
    return new TreeMap<>(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)));
  }

  private static V1EnvVar env(String name, String value) {
    return new V1EnvVar().name(name).value(value);
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
