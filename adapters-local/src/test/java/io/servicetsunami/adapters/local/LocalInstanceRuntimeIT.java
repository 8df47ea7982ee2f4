package io.servicetsunami.adapters.local;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReadyRelease;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two tenants' real gateways side by side, started once for the class: isolation, stop/start/
 * restart, rediscovery by a new runtime, pairing through the CLI, destroy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalInstanceRuntimeIT {

  private static final Duration READY = Duration.ofMinutes(3);

  private final Secret tokenA = Secret.of("token-a-" + UUID.randomUUID());
  private final Secret tokenB = Secret.of("token-b-" + UUID.randomUUID());
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private LocalRuntimeSettings settings;
  private LocalInstanceRuntime runtime;
  private InstanceSpec a;
  private InstanceSpec b;
  private ReadyRelease readyA;
  private ReadyRelease readyB;

  @BeforeAll
  void installTwoTenants() {
    settings = RealGateways.settings();
    runtime = new LocalInstanceRuntime(settings);
    a = RealGateways.spec(Fixtures.tenantId());
    b = RealGateways.spec(Fixtures.tenantId());
    runtime.install(a, tokenA);
    runtime.install(b, tokenB);
    List<String> progress = new ArrayList<>();
    readyA = runtime.awaitReady(a.ref(), READY, progress::add);
    readyB = runtime.awaitReady(b.ref(), READY, detail -> {});
    assertThat(progress).isNotEmpty();
  }

  @AfterAll
  void destroyAll() {
    if (runtime != null) {
      runtime.destroy(a.ref());
      runtime.destroy(b.ref());
      RealGateways.deleteTree(settings.baseDirectory());
    }
  }

  @Test
  @Order(1)
  void twoTenantsRunSideBySideOnTheirOwnPortsAndDirectories() throws Exception {
    assertThat(readyA.internalUrl()).isEqualTo(runtime.render(a).internalUrl());
    assertThat(readyB.internalUrl()).isEqualTo(runtime.render(b).internalUrl());
    assertThat(readyA.internalUrl())
        .isNotEqualTo(readyB.internalUrl())
        .startsWith("http://127.0.0.1:");
    assertThat(status(readyA.internalUrl() + "/readyz", null)).isEqualTo(200);
    assertThat(status(readyB.internalUrl() + "/readyz", null)).isEqualTo(200);
    assertThat(releaseDir(a).resolve("state/openclaw.json")).exists();
    assertThat(releaseDir(b).resolve("state/openclaw.json")).exists();
    assertThat(Files.readString(releaseDir(a).resolve("state/openclaw.json")))
        .contains(tokenA.reveal())
        .doesNotContain(tokenB.reveal());
    assertThat(runtime.logs(a.ref(), 50)).isNotEmpty().hasSizeLessThanOrEqualTo(50);
  }

  @Test
  @Order(2)
  void eachTokenOpensOnlyItsOwnGateway() throws Exception {
    assertThat(invokeStatus(readyA, tokenA)).isNotEqualTo(401);
    assertThat(invokeStatus(readyB, tokenB)).isNotEqualTo(401);
    assertThat(invokeStatus(readyA, tokenB)).isEqualTo(401);
    assertThat(invokeStatus(readyB, tokenA)).isEqualTo(401);
  }

  @Test
  @Order(3)
  void aNewRuntimeFindsTheRunningGatewaysAgainWithoutStartingThemTwice() {
    LocalInstanceRuntime again = new LocalInstanceRuntime(settings);

    ReadyRelease foundA = again.awaitReady(a.ref(), Duration.ofSeconds(30), detail -> {});
    again.install(a, tokenA); // converged already: no second process, no restart
    ReadyRelease stillA = again.awaitReady(a.ref(), Duration.ofSeconds(30), detail -> {});

    assertThat(foundA.podName()).isEqualTo(readyA.podName());
    assertThat(stillA.podName()).isEqualTo(readyA.podName());
    assertThat(roots(a)).hasSize(1);
    assertThat(roots(b)).hasSize(1);
  }

  @Test
  @Order(4)
  void stopKeepsTheStateAndStartBringsTheGatewayBack() throws Exception {
    runtime.stop(b.ref());
    runtime.stop(b.ref());

    assertThat(GatewayProcesses.marked(releaseDir(b))).isEmpty();
    assertThat(status(readyB.internalUrl() + "/readyz", null)).isEqualTo(-1);
    assertThat(releaseDir(b).resolve("state/openclaw.json")).exists();
    assertThat(runtime.logs(b.ref(), 10)).isEmpty();
    assertThat(status(readyA.internalUrl() + "/readyz", null)).isEqualTo(200);

    runtime.start(b.ref());
    runtime.start(b.ref());
    readyB = runtime.awaitReady(b.ref(), READY, detail -> {});

    assertThat(readyB.internalUrl()).isEqualTo(runtime.render(b).internalUrl());
    assertThat(roots(b)).hasSize(1);
    assertThat(invokeStatus(readyB, tokenB)).isNotEqualTo(401);
  }

  @Test
  @Order(5)
  void restartRunsAFreshProcessOnTheSameState() throws Exception {
    runtime.restart(a.ref());
    ReadyRelease restarted = runtime.awaitReady(a.ref(), READY, detail -> {});

    assertThat(restarted.podName()).isNotEqualTo(readyA.podName());
    assertThat(restarted.internalUrl()).isEqualTo(readyA.internalUrl());
    assertThat(roots(a)).hasSize(1);
    assertThat(invokeStatus(restarted, tokenA)).isNotEqualTo(401);
    assertThat(invokeStatus(restarted, tokenB)).isEqualTo(401);
    readyA = restarted;
  }

  @Test
  @Order(6)
  void approvingADeviceThatNeverAskedIsRetryableAfterAskingTheGatewaysCli() {
    // The CLI reaches the gateway and lists its devices; with no pending request of this device,
    // the runtime says to retry once the device has connected.
    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.RUNTIME_UNAVAILABLE,
            () -> runtime.approveDevice(a.ref(), "0".repeat(64), "A".repeat(43)));
    assertThat(error.getMessage()).contains("no pairing request");
  }

  @Test
  @Order(7)
  void destroyRemovesTheProcessesAndTheStateOfOneTenantOnly() throws Exception {
    Path dirA = releaseDir(a);

    runtime.destroy(a.ref());
    runtime.destroy(a.ref());

    assertThat(GatewayProcesses.marked(dirA)).isEmpty();
    assertThat(dirA).doesNotExist();
    assertThat(status(readyA.internalUrl() + "/readyz", null)).isEqualTo(-1);
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.logs(a.ref(), 5));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.start(a.ref()));
    assertThat(status(readyB.internalUrl() + "/readyz", null)).isEqualTo(200);
  }

  @Test
  @Order(8)
  void lifecycleOfAnUnknownReleaseIsNotFound() {
    ReleaseRef unknown = new ReleaseRef("prod", "openclaw-unknown1");
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.stop(unknown));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.restart(unknown));
    assertPortError(
        NotFoundException.class,
        ErrorCode.RELEASE_NOT_FOUND,
        () -> runtime.awaitReady(unknown, Duration.ofSeconds(1), detail -> {}));
  }

  @Test
  @Order(9)
  void aGatewayThatDiedFailsTheWaitAtOnceAndLeavesNoOrphansBehind() {
    ProcessHandle gateway = roots(b).get(0);
    gateway.destroyForcibly(); // a crash: its workers are not told
    GatewayProcesses.awaitExit(gateway, Duration.ofSeconds(20));

    PermanentException failed =
        assertPortError(
            PermanentException.class,
            ErrorCode.POD_FAILED,
            () -> runtime.awaitReady(b.ref(), READY, detail -> {}));
    assertThat(failed.getMessage()).contains("last log lines");

    new LocalInstanceRuntime(settings); // start-up ends the dead gateway's leftover workers
    assertThat(GatewayProcesses.marked(releaseDir(b))).isEmpty();

    runtime.start(b.ref());
    readyB = runtime.awaitReady(b.ref(), READY, detail -> {});
    assertThat(roots(b)).hasSize(1);
    assertThat(readyB.internalUrl()).isEqualTo(runtime.render(b).internalUrl());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Path releaseDir(InstanceSpec spec) {
    return settings.baseDirectory().resolve(spec.ref().release());
  }

  /** The release's processes whose parent is not one of them: the gateway, once. */
  private List<ProcessHandle> roots(InstanceSpec spec) {
    List<ProcessHandle> marked = GatewayProcesses.marked(releaseDir(spec));
    Set<Long> pids = marked.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    return marked.stream()
        .filter(p -> p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
        .toList();
  }

  /** {@code POST /tools/invoke} with a bearer token: 401 for a token the gateway does not know. */
  private int invokeStatus(ReadyRelease release, Secret token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(release.internalUrl() + "/tools/invoke"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token.reveal())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"session_status\",\"args\":{}}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int status(String url, String token) throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException refused) {
      return -1;
    }
  }
}
