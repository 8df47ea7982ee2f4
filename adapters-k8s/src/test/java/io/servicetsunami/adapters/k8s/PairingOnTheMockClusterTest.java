package io.servicetsunami.adapters.k8s;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime.DeviceApproval;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pairing through the real transport: {@code pods/exec} over the API server's WebSocket channel
 * protocol, with the mock playing the {@code openclaw} CLI in the gateway pod.
 */
class PairingOnTheMockClusterTest {

  private static final String DEVICE_ID =
      "069059b6b2a4f8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a29413";
  private static final String DEVICE_KEY = "eUbnPm-A1SSb2rBXwYkNuJdPMGvRrqvRgNyZKBz3Y2E";

  private static MockCluster cluster;
  private static FakeKubelet kubelet;
  private static KubernetesInstanceRuntime runtime;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
    kubelet = new FakeKubelet(cluster.client, "prod");
    runtime = new KubernetesInstanceRuntime(cluster.client, TestSettings.fast(), Clock.systemUTC());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void approvesTheDevicesRequestInsideThePodAndSaysTheTokenGoesToTheDevice() throws Exception {
    ReleaseRef ref = readyRelease();
    String pod = cluster.pods(ref).get(0).getMetadata().getName();
    String list = execPath(pod, "node", "/app/openclaw.mjs", "devices", "list", "--json");
    String approve =
        execPath(pod, "node", "/app/openclaw.mjs", "devices", "approve", "req-144e49c2", "--json");
    answer(
        list,
        0,
        "{\"pending\":[{\"requestId\":\"req-144e49c2\",\"deviceId\":\""
            + DEVICE_ID
            + "\",\"publicKey\":\""
            + DEVICE_KEY
            + "\",\"role\":\"operator\",\"scopes\":[\"operator.read\",\"operator.write\"],"
            + "\"remoteIp\":\"10.250.0.1\",\"ts\":1795784544103}],\"paired\":[]}\n");
    answer(
        approve,
        0,
        "{\"requestId\":\"req-144e49c2\",\"device\":{\"deviceId\":\"" + DEVICE_ID + "\"}}\n");

    assertThat(runtime.approveDevice(ref, DEVICE_ID, DEVICE_KEY))
        .isEqualTo(DeviceApproval.APPROVED);
    assertThat(cluster.server.getLastRequest().getPath()).isEqualTo(approve);

    // Asked again once the device is paired: nothing to do.
    answer(
        list,
        0,
        "{\"pending\":[],\"paired\":[{\"deviceId\":\""
            + DEVICE_ID
            + "\",\"publicKey\":\""
            + DEVICE_KEY
            + "\",\"role\":\"operator\"}]}");
    assertThat(runtime.approveDevice(ref, DEVICE_ID, DEVICE_KEY))
        .isEqualTo(DeviceApproval.ALREADY_PAIRED);
    runtime.destroy(ref);
  }

  @Test
  void aCommandThatFailsInThePodReportsItsErrorOutput() throws Exception {
    ReleaseRef ref = readyRelease();
    String pod = cluster.pods(ref).get(0).getMetadata().getName();
    cluster
        .server
        .expect()
        .get()
        .withPath(execPath(pod, "node", "/app/openclaw.mjs", "devices", "list", "--json"))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(10)
        .andEmit(new WebSocketMessage(channel(2, "gateway connect failed: ECONNREFUSED\n")))
        .waitFor(10)
        .andEmit(new StatusStreamMessage(1))
        .done()
        .once();

    var error =
        assertPortError(
            io.servicetsunami.ports.error.TransientException.class,
            ErrorCode.GATEWAY_UNAVAILABLE,
            () -> runtime.approveDevice(ref, DEVICE_ID, DEVICE_KEY));
    assertThat(error.getMessage()).contains("ECONNREFUSED");
    runtime.destroy(ref);
  }

  @Test
  void execThatTheApiServerForbidsIsPermanentAndNamesTheMissingPermission() throws Exception {
    ReleaseRef ref = readyRelease();
    String pod = cluster.pods(ref).get(0).getMetadata().getName();
    cluster
        .server
        .expect()
        .get()
        .withPath(execPath(pod, "node", "/app/openclaw.mjs", "devices", "list", "--json"))
        .andReturn(
            403,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                + "\"pods \\\""
                + pod
                + "\\\" is forbidden\",\"reason\":\"Forbidden\",\"code\":403}")
        .once();

    var error =
        assertPortError(
            PermanentException.class,
            ErrorCode.RUNTIME_FAILED,
            () -> runtime.approveDevice(ref, DEVICE_ID, DEVICE_KEY));
    assertThat(error.getMessage()).contains("pods/exec");
    runtime.destroy(ref);
  }

  private static ReleaseRef readyRelease() throws Exception {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    runtime.install(spec, Secret.of("token"));
    kubelet.reconcile();
    return spec.ref();
  }

  private static void answer(String path, int exit, String stdout) {
    cluster
        .server
        .expect()
        .get()
        .withPath(path)
        .andUpgradeToWebSocket()
        .open()
        .waitFor(10)
        .andEmit(new OutputStreamMessage(stdout))
        .waitFor(10)
        .andEmit(new StatusStreamMessage(exit))
        .done()
        .once();
  }

  private static byte[] channel(int channel, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[bytes.length + 1];
    message[0] = (byte) channel;
    System.arraycopy(bytes, 0, message, 1, bytes.length);
    return message;
  }

  /** The path the official client's Exec requests, word for word. */
  private static String execPath(String pod, String... argv) {
    return "/api/v1/namespaces/prod/pods/"
        + pod
        + "/exec?stdin=false&stdout=true&stderr=true&tty=false&container=openclaw&command="
        + List.of(argv).stream()
            .map(word -> URLEncoder.encode(word, StandardCharsets.UTF_8))
            .collect(Collectors.joining("&command="));
  }
}
