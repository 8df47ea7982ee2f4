package io.servicetsunami.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.local.LocalInstanceRuntime;
import io.servicetsunami.adapters.local.LocalRuntimeSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.instance.InstanceLifecycleService;
import io.servicetsunami.core.instance.InstanceSettings;
import io.servicetsunami.core.instance.ProvisionInstanceStepsService;
import io.servicetsunami.ports.in.DeployInstanceUseCase.DeployInstanceCommand;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.InstanceRuntime.DeviceApproval;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.out.SkillGateway.DeviceAccepted;
import io.servicetsunami.ports.out.SkillGateway.DeviceHandshake;
import io.servicetsunami.ports.out.SkillGateway.PairingRequired;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import io.servicetsunami.ports.out.SkillGateway.SkillResult;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Provisioning leaves the control plane's device paired with a gateway it reaches from a
 * non-loopback address, as the control plane reaches an in-cluster gateway from another pod.
 *
 * <p>Real parts: the local instance runtime runs a real OpenClaw gateway inside a network namespace
 * this test creates ({@code ip netns} + veth), bound to the namespace's veth address; the control
 * plane is the host end of the veth pair. Instances live in embedded PostgreSQL, tokens are
 * encrypted with the Fernet cipher, and the gateway is spoken to by {@link OpenClawSkillGateway}.
 * The test plays the provisioning worker: it runs the workflow's five steps in their order (the
 * workflow itself is proven on Temporal in adapters-temporal).
 *
 * <p>Afterwards a fresh gateway client, with nothing but the stored instance record and the device
 * key, is granted its scopes and runs a tool, without any further approval.
 *
 * <p>Where network namespaces are not permitted the test is skipped with a message; under {@code
 * REQUIRE_REAL_GATEWAY=1} (as in {@code .ci/run}) it fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionPairsTheControlPlaneDeviceIT {

  private static final String VERSION = System.getProperty("openclaw.version", "2026.9.6");
  private static final Clock CLOCK = Instant::now;

  private final String tag = Long.toString(ProcessHandle.current().pid() % 100000);
  private final String namespace = "st-e2e-" + tag;
  private final String hostLink = "ste" + tag + "h";
  private final String nsLink = "ste" + tag + "n";
  private final int subnet = (int) (ProcessHandle.current().pid() % 250);
  private final String hostAddress = "10.253." + subnet + ".1";
  private final String gatewayAddress = "10.253." + subnet + ".2";

  private Path work;
  private boolean namespaceCreated;
  private PostgresPersistence persistence;
  private LocalInstanceRuntime runtime;
  private OpenClawSettings gatewaySettings;
  private OpenClawSkillGateway gateway;
  private TenantInstanceRepository instances;
  private FernetCredentialCipher cipher;
  private GatewayEndpoints endpoints;
  private InstanceLifecycleService lifecycle;
  private ProvisionInstanceStepsService steps;
  private final TenantId tenant = Fixtures.tenantId();
  private ReleaseRef ref;

  @BeforeAll
  void assemble() throws Exception {
    work = Files.createTempDirectory("e2e-pairing-");
    createNamespace();
    persistence =
        PostgresPersistence.start(
            DatabaseSettings.embedded(work.resolve("postgres")).withDurable(false));
    instances = persistence.instances();
    persistence.tenants().create(Fixtures.tenant(tenant));
    cipher =
        new FernetCredentialCipher(
            List.of(FernetCredentialCipher.generateKey(new SecureRandom())),
            new SecureRandom(),
            java.time.Clock.systemUTC());
    runtime =
        new LocalInstanceRuntime(
            LocalRuntimeSettings.defaults(work.resolve("instances"), System.getenv())
                .withBinding(gatewayAddress, List.of("ip", "netns", "exec", namespace))
                .withPairingWait(Duration.ofSeconds(20)));
    gatewaySettings = OpenClawSettings.defaults(work.resolve("device-keys"));
    gateway = new OpenClawSkillGateway(gatewaySettings);
    endpoints = new GatewayEndpoints(cipher, Optional.empty());
    InstanceSettings settings = InstanceSettings.defaults(VERSION);
    lifecycle =
        new InstanceLifecycleService(
            instances,
            runtime,
            new InMemoryWorkflowEngine(),
            cipher,
            settings,
            CLOCK,
            new SequentialIdGenerator());
    steps =
        new ProvisionInstanceStepsService(instances, runtime, endpoints, gateway, settings, CLOCK);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (runtime != null && ref != null) {
      runtime.destroy(ref);
    }
    if (persistence != null) {
      persistence.close();
    }
    if (namespaceCreated) {
      run("ip", "link", "del", hostLink);
      run("ip", "netns", "del", namespace);
    }
    deleteTree(work);
  }

  @Test
  void provisioningPairsTheDeviceSoThatLaterConnectsGetTheirScopesWithoutApproval()
      throws Exception {
    TenantInstance deployed =
        lifecycle
            .deploy(new DeployInstanceCommand(tenant, Optional.empty(), Optional.empty()))
            .instance();
    ref = new ReleaseRef(deployed.k8sNamespace(), deployed.helmRelease());

    steps.generateValues(tenant, deployed.id(), VERSION);
    steps.install(tenant, deployed.id(), VERSION);
    steps.awaitReady(tenant, deployed.id(), detail -> {});

    // The gateway really treats the control plane as remote: an unpaired device is not let in.
    GatewayEndpoint unpaired =
        new GatewayEndpoint(
            deployed.id(),
            runtime.render(spec(deployed)).internalUrl(),
            endpoints.gatewayToken(deployed),
            Optional.empty());
    assertThat(unpaired.url()).startsWith("http://" + gatewayAddress + ":");
    DeviceHandshake before = gateway.connectDevice(unpaired);
    assertThat(before).isInstanceOf(PairingRequired.class);

    steps.healthCheck(tenant, deployed.id());
    steps.register(tenant, deployed.id(), VERSION);

    TenantInstance running = instances.find(tenant, deployed.id()).orElseThrow();
    assertThat(running.status()).isEqualTo(InstanceStatus.RUNNING);
    EncryptedSecret stored = running.deviceToken().orElseThrow();
    String deviceToken = cipher.decrypt(tenant, stored).reveal();
    assertThat(deviceToken).isNotBlank();
    assertThat(stored.token()).doesNotContain(deviceToken);
    // The gateway's own CLI, run inside the namespace, knows the device as paired.
    assertThat(runtime.approveDevice(ref, before.device().id(), before.device().publicKey()))
        .isEqualTo(DeviceApproval.ALREADY_PAIRED);

    // A control plane started afresh, with the stored record and the device key only.
    try (OpenClawSkillGateway later = new OpenClawSkillGateway(gatewaySettings)) {
      GatewayEndpoint endpoint = endpoints.of(running);
      assertThat(endpoint.deviceToken()).isPresent();

      DeviceHandshake handshake = later.connectDevice(endpoint);
      assertThat(handshake).isInstanceOf(DeviceAccepted.class);
      assertThat(handshake.device()).isEqualTo(before.device());
      assertThat(((DeviceAccepted) handshake).scopes()).contains("operator.read", "operator.write");

      SkillResult status = later.execute(endpoint, sessionStatus());
      assertThat(status).isInstanceOf(Succeeded.class);
      assertThat(((Succeeded) status).output().toString()).contains("OpenClaw");
    }

    // A retried health check finds the device paired and converges.
    steps.healthCheck(tenant, deployed.id());
    assertThat(instances.find(tenant, deployed.id()).orElseThrow().deviceToken()).isPresent();
  }

  private static InstanceSpec spec(TenantInstance instance) {
    return new InstanceSpec(
        instance.tenantId(),
        instance.id(),
        new ReleaseRef(instance.k8sNamespace(), instance.helmRelease()),
        instance.version(),
        instance.resources());
  }

  /** The gateway's built-in {@code session_status} tool: it needs {@code operator.write}. */
  private static SkillInvocation sessionStatus() {
    var execution = Fixtures.executionId();
    return new SkillInvocation(
        execution,
        "session_status",
        SkillKind.TOOL,
        Map.of(),
        "claude-sonnet-4-5",
        Map.of(),
        "e2e-pairing-" + execution);
  }

  // ---- the namespace ----------------------------------------------------------------------------

  private void createNamespace() throws Exception {
    run("ip", "link", "del", hostLink); // leftovers of an aborted run
    run("ip", "netns", "del", namespace);
    Result created = run("ip", "netns", "add", namespace);
    if (created.exitCode() != 0) {
      String message =
          "network namespaces are not permitted here ('ip netns add' failed: "
              + created.output()
              + "); the pairing proof needs root or CAP_SYS_ADMIN/CAP_NET_ADMIN";
      if ("1".equals(System.getenv("REQUIRE_REAL_GATEWAY"))) {
        throw new IllegalStateException(message + " (REQUIRE_REAL_GATEWAY=1)");
      }
      Assumptions.abort(message + ". Set REQUIRE_REAL_GATEWAY=1 to fail instead of skipping.");
    }
    namespaceCreated = true;
    for (List<String> step :
        List.of(
            List.of("ip", "link", "add", hostLink, "type", "veth", "peer", "name", nsLink),
            List.of("ip", "link", "set", nsLink, "netns", namespace),
            List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostLink),
            List.of("ip", "link", "set", hostLink, "up"),
            List.of(
                "ip",
                "netns",
                "exec",
                namespace,
                "ip",
                "addr",
                "add",
                gatewayAddress + "/30",
                "dev",
                nsLink),
            List.of("ip", "netns", "exec", namespace, "ip", "link", "set", nsLink, "up"),
            List.of("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"))) {
      Result result = run(step.toArray(String[]::new));
      if (result.exitCode() != 0) {
        throw new IllegalStateException(String.join(" ", step) + " failed: " + result.output());
      }
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, String.valueOf(e.getMessage()));
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(124, "timed out");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
