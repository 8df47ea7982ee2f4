package io.servicetsunami.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.util.Yaml;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleasePlan;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins what a release is made of. Pure: no cluster. */
class OpenClawReleaseRendererTest {

  private static final TenantId TENANT =
      new TenantId(UUID.fromString("4f1c2a9e-7b3d-4c1a-9e8f-0a1b2c3d4e5f"));
  private static final InstanceId INSTANCE =
      new InstanceId(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"));
  private static final ReleaseRef REF = new ReleaseRef("prod", "openclaw-4f1c2a9e");
  private static final InstanceSpec SPEC =
      new InstanceSpec(TENANT, INSTANCE, REF, "2026.9.6", ResourceSpec.DEFAULT);

  private final OpenClawReleaseRenderer renderer =
      new OpenClawReleaseRenderer(ReleaseTemplate.DEFAULT);
  private final ReleaseObjects objects = renderer.objects(SPEC);

  @Test
  void namesEveryObjectAfterTheRelease() {
    assertThat(objects.deployment().getMetadata().getName()).isEqualTo("openclaw-4f1c2a9e");
    assertThat(objects.service().getMetadata().getName()).isEqualTo("openclaw-4f1c2a9e");
    assertThat(objects.config().getMetadata().getName()).isEqualTo("openclaw-4f1c2a9e-config");
    assertThat(objects.state().getMetadata().getName()).isEqualTo("openclaw-4f1c2a9e-state");
    assertThat(renderer.secret(SPEC, Secret.of("t")).getMetadata().getName())
        .isEqualTo("openclaw-4f1c2a9e-secrets");
    assertThat(objects.inApplyOrder())
        .extracting(KubernetesObject::getKind)
        .containsExactly("ConfigMap", "PersistentVolumeClaim", "Service", "Deployment");
  }

  @Test
  void labelsEveryObjectAndThePodsWithReleaseManagerAndTenant() {
    Map<String, String> expected =
        Map.of(
            "app.kubernetes.io/name", "openclaw",
            "app.kubernetes.io/instance", "openclaw-4f1c2a9e",
            "app.kubernetes.io/managed-by", "servicetsunami",
            "servicetsunami.io/tenant-id", "4f1c2a9e-7b3d-4c1a-9e8f-0a1b2c3d4e5f",
            "servicetsunami.io/instance-id", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");
    for (KubernetesObject object : objects.inApplyOrder()) {
      assertThat(object.getMetadata().getLabels()).as(object.getKind()).isEqualTo(expected);
      assertThat(object.getMetadata().getNamespace()).isEqualTo("prod");
    }
    assertThat(renderer.secret(SPEC, Secret.of("t")).getMetadata().getLabels()).isEqualTo(expected);
    assertThat(objects.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(expected);
  }

  @Test
  void selectsPodsOnlyByWhatNeverChangesForARelease() {
    Map<String, String> selector =
        Map.of(
            "app.kubernetes.io/name",
            "openclaw",
            "app.kubernetes.io/instance",
            "openclaw-4f1c2a9e");
    assertThat(objects.deployment().getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
    assertThat(objects.service().getSpec().getSelector()).isEqualTo(selector);
    assertThat(ReleaseLayout.podSelector(REF))
        .isEqualTo("app.kubernetes.io/name=openclaw,app.kubernetes.io/instance=openclaw-4f1c2a9e");
  }

  @Test
  void runsOneGatewayReplicaThatStopsBeforeItsSuccessorStarts() {
    V1Deployment deployment = objects.deployment();
    assertThat(deployment.getApiVersion()).isEqualTo("apps/v1");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("servicetsunami.io/openclaw-version", "2026.9.6");
    V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
    assertThat(pod.getContainers()).extracting(V1Container::getName).containsExactly("openclaw");
  }

  @Test
  void gatewayContainerRunsTheVersionBoundForTheClusterWithTokenAuth() {
    V1Container gateway = gateway(objects);
    assertThat(gateway.getImage()).isEqualTo("ghcr.io/openclaw/openclaw:2026.9.6");
    assertThat(gateway.getCommand())
        .containsExactly(
            "node",
            "/app/openclaw.mjs",
            "gateway",
            "--port",
            "18789",
            "--bind",
            "lan",
            "--auth",
            "token");
    assertThat(gateway.getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getContainerPort()).isEqualTo(18789);
              assertThat(port.getName()).isEqualTo("gateway");
            });
    assertThat(gateway.getVolumeMounts())
        .singleElement()
        .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/home/node/.openclaw"));
    assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
  }

  @Test
  void tokenComesFromTheReleasesSecretAndNowhereElse() {
    Map<String, V1EnvVar> env = env(gateway(objects));
    assertThat(env.get("OPENCLAW_GATEWAY_TOKEN").getValue()).isNull();
    assertThat(env.get("OPENCLAW_GATEWAY_TOKEN").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("openclaw-4f1c2a9e-secrets");
    assertThat(env.get("OPENCLAW_GATEWAY_TOKEN").getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("OPENCLAW_GATEWAY_TOKEN");
    assertThat(env.get("OPENCLAW_STATE_DIR").getValue()).isEqualTo("/home/node/.openclaw");
    assertThat(env.get("OPENCLAW_CONFIG_PATH").getValue())
        .isEqualTo("/home/node/.openclaw/openclaw.json");

    V1Secret secret = renderer.secret(SPEC, Secret.of("s3cr3t-token"));
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(new String(secret.getData().get("OPENCLAW_GATEWAY_TOKEN"), StandardCharsets.UTF_8))
        .isEqualTo("s3cr3t-token");
    String everythingElse =
        objects.inApplyOrder().stream().map(JSON::serialize).collect(Collectors.joining())
            + renderer.valuesYaml(SPEC);
    assertThat(everythingElse).doesNotContain("s3cr3t-token");
  }

  @Test
  void requestsAndLimitsDefaultToTheOriginalDeploymentsAndSizeTheNodeHeap() {
    V1Container gateway = gateway(objects);
    assertThat(quantities(gateway.getResources().getRequests()))
        .isEqualTo(Map.of("cpu", "250m", "memory", "512Mi"));
    assertThat(quantities(gateway.getResources().getLimits()))
        .isEqualTo(Map.of("cpu", "1", "memory", "2Gi"));
    assertThat(env(gateway).get("NODE_OPTIONS").getValue()).isEqualTo("--max-old-space-size=1536");
  }

  @Test
  void resourcesAndVolumeSizeFollowTheSpec() {
    InstanceSpec big =
        new InstanceSpec(
            TENANT, INSTANCE, REF, "2026.9.6", new ResourceSpec("500m", "2", "1Gi", "4Gi", "5Gi"));
    ReleaseObjects rendered = renderer.objects(big);
    V1Container gateway = gateway(rendered);
    assertThat(quantities(gateway.getResources().getRequests()))
        .isEqualTo(Map.of("cpu", "500m", "memory", "1Gi"));
    assertThat(quantities(gateway.getResources().getLimits()))
        .isEqualTo(Map.of("cpu", "2", "memory", "4Gi"));
    assertThat(env(gateway).get("NODE_OPTIONS").getValue()).isEqualTo("--max-old-space-size=3072");
    assertThat(
            rendered
                .state()
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage")
                .toSuffixedString())
        .isEqualTo("5Gi");
  }

  @Test
  void probesReadinessOnReadyzLivenessOnHealthzAndAllowsASlowStart() {
    V1Container gateway = gateway(objects);
    assertProbe(gateway.getReadinessProbe(), "/readyz");
    assertProbe(gateway.getLivenessProbe(), "/healthz");
    assertProbe(gateway.getStartupProbe(), "/healthz");
    V1Probe startup = gateway.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .isGreaterThanOrEqualTo(60);
  }

  @Test
  void exposesTheGatewayPortThroughAClusterIpService() {
    V1Service service = objects.service();
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    V1ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(port.getPort()).isEqualTo(18789);
    assertThat(port.getTargetPort().getStrValue()).isEqualTo("gateway");
    assertThat(renderer.internalUrl(REF))
        .isEqualTo("http://openclaw-4f1c2a9e.prod.svc.cluster.local:18789");
  }

  @Test
  void keepsGatewayStateOnAPersistentVolume() {
    V1PersistentVolumeClaim claim = objects.state();
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toSuffixedString())
        .isEqualTo("1Gi");
    assertThat(claim.getSpec().getStorageClassName()).isNull();
    assertThat(
            new OpenClawReleaseRenderer(
                    ReleaseTemplate.DEFAULT.withStorageClass(Optional.of("fast-ssd")))
                .objects(SPEC)
                .state()
                .getSpec()
                .getStorageClassName())
        .isEqualTo("fast-ssd");
    assertThat(objects.deployment().getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(
            volume ->
                assertThat(volume.getPersistentVolumeClaim().getClaimName())
                    .isEqualTo("openclaw-4f1c2a9e-state"));
  }

  @Test
  void seedsAGatewayConfigBoundForTheClusterWithTokenAuthAndNoControlUi() throws Exception {
    V1ConfigMap config = objects.config();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = JSON.deserialize(config.getData().get("openclaw.json"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> gateway = (Map<String, Object>) json.get("gateway");
    assertThat(gateway)
        .containsEntry("mode", "local")
        .containsEntry("bind", "lan")
        .containsEntry("port", 18789.0)
        .containsEntry("auth", Map.of("mode", "token"))
        .containsEntry("controlUi", Map.of("enabled", false));
    V1Container seed =
        objects.deployment().getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(seed.getCommand())
        .containsExactly(
            "sh",
            "-c",
            "test -f \"$OPENCLAW_CONFIG_PATH\" || cp /etc/openclaw/openclaw.json \"$OPENCLAW_CONFIG_PATH\"");
    assertThat(seed.getImage()).isEqualTo("ghcr.io/openclaw/openclaw:2026.9.6");
  }

  @Test
  void renderingIsPureAndThePlanCarriesTheValuesAndTheInternalUrl() {
    ReleasePlan plan = renderer.plan(SPEC);

    assertThat(renderer.plan(SPEC)).isEqualTo(plan);
    assertThat(renderer.objects(SPEC)).isEqualTo(objects);
    assertThat(plan.ref()).isEqualTo(REF);
    assertThat(plan.internalUrl())
        .isEqualTo("http://openclaw-4f1c2a9e.prod.svc.cluster.local:18789");
    assertThat(plan.values())
        .containsEntry("fullnameOverride", "openclaw-4f1c2a9e")
        .containsEntry("replicaCount", 1)
        .containsEntry(
            "image",
            Map.of(
                "repository",
                "ghcr.io/openclaw/openclaw",
                "tag",
                "2026.9.6",
                "pullPolicy",
                "IfNotPresent"))
        .containsEntry(
            "resources",
            Map.of(
                "requests", Map.of("cpu", "250m", "memory", "512Mi"),
                "limits", Map.of("cpu", "1000m", "memory", "2Gi")));
  }

  @Test
  void writesTheValuesAsAHelmValuesFile() {
    String yaml = renderer.valuesYaml(SPEC);

    assertThat(yaml)
        .isEqualTo(
            String.join(
                "\n",
                "# Values of OpenClaw release openclaw-4f1c2a9e in namespace prod, rendered by ServiceTsunami.",
                "# The gateway token is not here: it is key OPENCLAW_GATEWAY_TOKEN of secret openclaw-4f1c2a9e-secrets.",
                "fullnameOverride: openclaw-4f1c2a9e",
                "replicaCount: 1",
                "image:",
                "  repository: ghcr.io/openclaw/openclaw",
                "  tag: 2026.9.6",
                "  pullPolicy: IfNotPresent",
                "command:",
                "- node",
                "- /app/openclaw.mjs",
                "- gateway",
                "- --port",
                "- '18789'",
                "- --bind",
                "- lan",
                "- --auth",
                "- token",
                "tenant:",
                "  id: 4f1c2a9e-7b3d-4c1a-9e8f-0a1b2c3d4e5f",
                "  instanceId: 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
                "commonLabels:",
                "  app.kubernetes.io/instance: openclaw-4f1c2a9e",
                "  app.kubernetes.io/managed-by: servicetsunami",
                "  app.kubernetes.io/name: openclaw",
                "  servicetsunami.io/instance-id: 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
                "  servicetsunami.io/tenant-id: 4f1c2a9e-7b3d-4c1a-9e8f-0a1b2c3d4e5f",
                "gateway:",
                "  port: 18789",
                "  bind: lan",
                "  auth:",
                "    mode: token",
                "    existingSecret: openclaw-4f1c2a9e-secrets",
                "    secretKey: OPENCLAW_GATEWAY_TOKEN",
                "  stateDir: /home/node/.openclaw",
                "  configPath: /home/node/.openclaw/openclaw.json",
                "  config:",
                "    gateway:",
                "      mode: local",
                "      port: 18789",
                "      bind: lan",
                "      auth:",
                "        mode: token",
                "      controlUi:",
                "        enabled: false",
                "service:",
                "  type: ClusterIP",
                "  port: 18789",
                "resources:",
                "  requests:",
                "    cpu: 250m",
                "    memory: 512Mi",
                "  limits:",
                "    cpu: 1000m",
                "    memory: 2Gi",
                "nodeMaxOldSpaceMiB: 1536",
                "persistence:",
                "  enabled: true",
                "  size: 1Gi",
                "  accessMode: ReadWriteOnce",
                "  mountPath: /home/node/.openclaw",
                "probes:",
                "  startup:",
                "    path: /healthz",
                "    port: 18789",
                "    periodSeconds: 5",
                "    timeoutSeconds: 3",
                "    failureThreshold: 36",
                "  readiness:",
                "    path: /readyz",
                "    port: 18789",
                "    periodSeconds: 10",
                "    timeoutSeconds: 5",
                "    failureThreshold: 3",
                "  liveness:",
                "    path: /healthz",
                "    port: 18789",
                "    periodSeconds: 30",
                "    timeoutSeconds: 10",
                "    failureThreshold: 3",
                "internalUrl: http://openclaw-4f1c2a9e.prod.svc.cluster.local:18789",
                ""));
    assertThat(Yaml.getSnakeYaml(null).<Map<String, Object>>load(yaml))
        .isEqualTo(renderer.values(SPEC));
  }

  @Test
  void sendsNoEmptyListsOrMapsThatWouldClearFieldsOthersSet() {
    String wire = Manifests.text(Manifests.tree(objects.deployment()));

    assertThat(wire).doesNotContain("[]").doesNotContain("{}").doesNotContain("finalizers");
    assertThat(wire).contains("\"apiVersion\":\"apps/v1\"").contains("\"kind\":\"Deployment\"");
  }

  @Test
  void refusesReleaseNamesThatCannotNameEveryObject() {
    InstanceSpec bad =
        new InstanceSpec(
            TENANT, INSTANCE, new ReleaseRef("prod", "OpenClaw_X"), "1", ResourceSpec.DEFAULT);
    assertThatThrownBy(() -> renderer.objects(bad)).isInstanceOf(IllegalArgumentException.class);
    InstanceSpec tooLong =
        new InstanceSpec(
            TENANT, INSTANCE, new ReleaseRef("prod", "o".repeat(56)), "1", ResourceSpec.DEFAULT);
    assertThatThrownBy(() -> renderer.plan(tooLong)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertProbe(V1Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrValue()).isEqualTo("gateway");
  }

  private static V1Container gateway(ReleaseObjects objects) {
    return objects.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, V1EnvVar> env(V1Container container) {
    return container.getEnv().stream()
        .collect(Collectors.toMap(V1EnvVar::getName, Function.identity()));
  }

  private static Map<String, String> quantities(
      Map<String, io.kubernetes.client.custom.Quantity> quantities) {
    return quantities.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toSuffixedString()));
  }
}
