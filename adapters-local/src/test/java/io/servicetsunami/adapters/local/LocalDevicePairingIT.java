package io.servicetsunami.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime.DeviceApproval;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReadyRelease;
import io.servicetsunami.ports.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pairing proven from a non-loopback address: the runtime runs the gateway inside a network
 * namespace this test creates ({@code ip netns} + veth), bound to the namespace's veth address; the
 * test connects from the host end of the veth pair with a signed Ed25519 device, gets {@code
 * PAIRING_REQUIRED}, has the runtime approve the device with the gateway's CLI (run inside the
 * namespace, where it is local), and reconnects to receive scopes and a device token.
 *
 * <p>Skipped with a message where namespaces are not permitted; fails instead under {@code
 * REQUIRE_REAL_GATEWAY=1} (CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDevicePairingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SCOPES = List.of("operator.read", "operator.write");

  private final String tag = Long.toString(ProcessHandle.current().pid() % 100000);
  private final String namespace = "st-pair-" + tag;
  private final String hostLink = "stp" + tag + "h";
  private final String nsLink = "stp" + tag + "n";
  private final int subnet = (int) (ProcessHandle.current().pid() % 250);
  private final String hostAddress = "10.252." + subnet + ".1";
  private final String gatewayAddress = "10.252." + subnet + ".2";
  private final Secret token = Secret.of("pair-token-" + UUID.randomUUID());
  private LocalInstanceRuntime runtime;
  private LocalRuntimeSettings settings;
  private InstanceSpec spec;
  private ReadyRelease ready;
  private boolean namespaceCreated;

  @BeforeAll
  void startGatewayInANamespace() throws Exception {
    LocalRuntimeSettings base = RealGateways.settings();
    createNamespace();
    settings =
        base.withBinding(gatewayAddress, List.of("ip", "netns", "exec", namespace))
            .withPairingWait(Duration.ofSeconds(20));
    runtime = new LocalInstanceRuntime(settings);
    spec = RealGateways.spec(Fixtures.tenantId());
    runtime.install(spec, token);
    ready = runtime.awaitReady(spec.ref(), Duration.ofMinutes(3), detail -> {});
  }

  @AfterAll
  void tearDown() throws Exception {
    if (runtime != null) {
      runtime.destroy(spec.ref());
      RealGateways.deleteTree(settings.baseDirectory());
    }
    if (namespaceCreated) {
      run("ip", "link", "del", hostLink);
      run("ip", "netns", "del", namespace);
    }
  }

  @Test
  void aRemoteDeviceIsPairedByTheRuntimeAndThenGetsItsScopes() throws Exception {
    assertThat(ready.internalUrl()).isEqualTo("http://" + gatewayAddress + ":" + port());
    KeyPair device = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = device.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String deviceId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));

    JsonNode first = connect(device, deviceId, publicKey);
    assertThat(first.path("ok").asBoolean()).as(first.toString()).isFalse();
    assertThat(first.path("error").path("details").path("code").asText())
        .as(first.toString())
        .isEqualTo("PAIRING_REQUIRED");

    assertThat(runtime.approveDevice(spec.ref(), deviceId, publicKey))
        .isEqualTo(DeviceApproval.APPROVED);

    JsonNode second = connect(device, deviceId, publicKey);
    assertThat(second.path("ok").asBoolean()).as(second.toString()).isTrue();
    JsonNode auth = second.path("payload").path("auth");
    assertThat(auth.path("deviceToken").asText()).isNotBlank();
    assertThat(auth.path("scopes").toString()).contains("operator.read", "operator.write");

    assertThat(runtime.approveDevice(spec.ref(), deviceId, publicKey))
        .isEqualTo(DeviceApproval.ALREADY_PAIRED);
  }

  // ---- the device's side of the handshake (reference §4.2–4.3) ---------------------------------

  private JsonNode connect(KeyPair device, String deviceId, String publicKey) throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(
                URI.create("ws://" + gatewayAddress + ":" + port() + "/"), collector(frames))
            .get(20, TimeUnit.SECONDS);
    try {
      JsonNode challenge = next(frames, "connect.challenge");
      String nonce = challenge.path("payload").path("nonce").asText();
      long signedAt = challenge.path("payload").path("ts").asLong();
      String signed =
          String.join(
              "|",
              "v3",
              deviceId,
              "gateway-client",
              "backend",
              "operator",
              String.join(",", SCOPES),
              Long.toString(signedAt),
              token.reveal(),
              nonce,
              "linux",
              "");
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(device.getPrivate());
      signer.update(signed.getBytes(UTF_8));
      String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

      ObjectNode request = JSON.createObjectNode().put("type", "req").put("id", "1");
      request.put("method", "connect");
      ObjectNode params = request.putObject("params").put("minProtocol", 4).put("maxProtocol", 4);
      params
          .putObject("client")
          .put("id", "gateway-client")
          .put("version", "0.1.0")
          .put("platform", "linux")
          .put("mode", "backend");
      params.put("role", "operator");
      SCOPES.forEach(params.putArray("scopes")::add);
      params.putObject("auth").put("token", token.reveal());
      params
          .putObject("device")
          .put("id", deviceId)
          .put("publicKey", publicKey)
          .put("signature", signature)
          .put("signedAt", signedAt)
          .put("nonce", nonce);
      socket.sendText(JSON.writeValueAsString(request), true).get(10, TimeUnit.SECONDS);
      return next(frames, "res");
    } finally {
      socket.abort();
    }
  }

  private static JsonNode next(BlockingQueue<String> frames, String kind) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String text = frames.poll(1, TimeUnit.SECONDS);
      if (text == null) {
        continue;
      }
      JsonNode frame = JSON.readTree(text);
      if (kind.equals(frame.path("event").asText()) || kind.equals(frame.path("type").asText())) {
        return frame;
      }
    }
    throw new AssertionError("no " + kind + " frame within 30 s");
  }

  private static WebSocket.Listener collector(BlockingQueue<String> frames) {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          frames.add(partial.toString());
          partial.setLength(0);
        }
        webSocket.request(1);
        return null;
      }
    };
  }

  // ---- the namespace ----------------------------------------------------------------------------

  private int port() {
    return Integer.parseInt(
        ready.internalUrl().substring(ready.internalUrl().lastIndexOf(':') + 1));
  }

  private void createNamespace() throws Exception {
    run("ip", "link", "del", hostLink); // leftovers of an aborted run
    run("ip", "netns", "del", namespace);
    Commands.Result created = run("ip", "netns", "add", namespace);
    if (!created.succeeded()) {
      String message =
          "network namespaces are not permitted here ('ip netns add' failed: "
              + created.excerpt()
              + "); the pairing proof needs root or CAP_SYS_ADMIN/CAP_NET_ADMIN";
      if ("1".equals(System.getenv("REQUIRE_REAL_GATEWAY"))) {
        throw new IllegalStateException(message + " (REQUIRE_REAL_GATEWAY=1)");
      }
      org.junit.jupiter.api.Assumptions.abort(message);
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
      Commands.Result result = run(step.toArray(String[]::new));
      if (!result.succeeded()) {
        throw new IllegalStateException(String.join(" ", step) + " failed: " + result.excerpt());
      }
    }
  }

  private static Commands.Result run(String... command) throws Exception {
    return Commands.run(List.of(command), null, java.util.Map.of(), Duration.ofSeconds(20));
  }
}
