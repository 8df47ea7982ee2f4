package io.servicetsunami.adapters.k8s;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.k8s.DevicePairing.Approval;
import io.servicetsunami.adapters.k8s.DevicePairing.Outcome;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairing logic against a scripted {@code openclaw devices} CLI. */
class DevicePairingTest {

  private static final List<String> OPENCLAW = List.of("node", "/app/openclaw.mjs");
  private static final Key CONTROL_PLANE = Key.generate();
  private static final Key STRANGER = Key.generate();

  private final ScriptedCli cli = new ScriptedCli();
  private final DevicePairing pairing =
      new DevicePairing(
          cli, OPENCLAW, Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofMillis(20));

  @Test
  void approvesTheNewestPendingRequestOfTheDeviceAndNoOtherOne() {
    cli.answer(
        0,
        listing(
            pending("req-stranger", STRANGER, 300)
                + ","
                + pending("req-old", CONTROL_PLANE, 100)
                + ","
                + pending("req-new", CONTROL_PLANE, 200),
            ""));
    cli.answer(
        0, "{\"requestId\":\"req-new\",\"device\":{\"deviceId\":\"" + CONTROL_PLANE.id + "\"}}");

    Approval approval = pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw);

    assertThat(approval.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(approval.requestId()).contains("req-new");
    assertThat(approval.scopes()).containsExactly("operator.read", "operator.write");
    assertThat(cli.calls)
        .containsExactly(
            List.of("node", "/app/openclaw.mjs", "devices", "list", "--json"),
            List.of("node", "/app/openclaw.mjs", "devices", "approve", "req-new", "--json"));
  }

  @Test
  void aDevicePairedAlreadyWithNothingPendingNeedsNothing() {
    cli.answer(0, listing("", paired(CONTROL_PLANE)));

    Approval approval = pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw);

    assertThat(approval.outcome()).isEqualTo(Outcome.ALREADY_PAIRED);
    assertThat(cli.calls).hasSize(1);
  }

  @Test
  void waitsForTheRequestOfADeviceThatIsConnectingRightNow() {
    cli.answer(0, listing("", ""));
    cli.answer(0, listing("", ""));
    cli.answer(0, listing(pending("req-1", CONTROL_PLANE, 1), ""));
    cli.answer(
        0, "{\"requestId\":\"req-1\",\"device\":{\"deviceId\":\"" + CONTROL_PLANE.id + "\"}}");

    Approval approval = pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw);

    assertThat(approval.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(cli.calls).hasSize(4);
  }

  @Test
  void withoutARequestFromTheDeviceItGivesUpRetryablyAndSaysWhy() {
    cli.repeat(0, listing(pending("req-stranger", STRANGER, 1), ""));

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.RUNTIME_UNAVAILABLE,
            () -> pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw));

    assertThat(error.getMessage()).contains("no pairing request from device").contains("connect");
    assertThat(cli.calls).allSatisfy(argv -> assertThat(argv).doesNotContain("approve"));
  }

  @Test
  void refusesARequestOfTheDeviceIdThatCarriesAnotherKey() {
    cli.answer(
        0,
        listing(
            "{\"requestId\":\"req-1\",\"deviceId\":\""
                + CONTROL_PLANE.id
                + "\",\"publicKey\":\""
                + STRANGER.raw
                + "\",\"role\":\"operator\",\"scopes\":[],\"ts\":1}",
            ""));

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw));
    assertThat(cli.calls).hasSize(1);
  }

  @Test
  void requestIdsThatWouldParseAsOptionsAreNeverPassedOn() {
    cli.answer(0, listing(pending("--latest", CONTROL_PLANE, 1), ""));

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw));
    assertThat(cli.calls).hasSize(1);
  }

  @Test
  void aRequestApprovedMeanwhileEndsAsPaired() {
    cli.answer(0, listing(pending("req-1", CONTROL_PLANE, 1), ""));
    cli.answer(1, "", "No pending device request matches req-1. Run openclaw devices list");
    cli.answer(0, listing("", paired(CONTROL_PLANE)));

    assertThat(pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw).outcome())
        .isEqualTo(Outcome.ALREADY_PAIRED);
  }

  @Test
  void aGatewayTheCliCannotReachIsRetryable() {
    cli.answer(
        1, "{\"ok\":false,\"error\":\"connect ECONNREFUSED 127.0.0.1:18789\"}", "gateway closed");

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.GATEWAY_UNAVAILABLE,
            () -> pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw));
    assertThat(error.getMessage()).contains("gateway closed");
  }

  @Test
  void outputAroundTheJsonDocumentIsIgnored() {
    cli.answer(
        0,
        "(node:7) ExperimentalWarning: SQLite is an experimental feature\n"
            + listing(pending("req-1", CONTROL_PLANE, 1), "")
            + "\n");
    cli.answer(
        0, "{\"requestId\":\"req-1\",\"device\":{\"deviceId\":\"" + CONTROL_PLANE.id + "\"}}");

    assertThat(pairing.approve("prod", "pod-1", CONTROL_PLANE.id, CONTROL_PLANE.raw).outcome())
        .isEqualTo(Outcome.APPROVED);
  }

  @Test
  void keysMatchWhateverEncodingEachSideUses() {
    Key key = CONTROL_PLANE;
    String standardSpki = Base64.getEncoder().encodeToString(key.spki);
    String pem = "-----BEGIN PUBLIC KEY-----\n" + standardSpki + "\n-----END PUBLIC KEY-----\n";
    String paddedRaw = Base64.getEncoder().encodeToString(key.rawBytes);

    assertThat(DevicePairing.sameKey(key.raw, standardSpki)).isTrue();
    assertThat(DevicePairing.sameKey(key.raw, pem)).isTrue();
    assertThat(DevicePairing.sameKey(paddedRaw, key.raw)).isTrue();
    assertThat(DevicePairing.sameKey(key.raw, STRANGER.raw)).isFalse();
    assertThat(DevicePairing.sameKey("not-a-key", "not-a-key")).isTrue();
  }

  private static String listing(String pending, String paired) {
    return "{\"pending\":[" + pending + "],\"paired\":[" + paired + "]}";
  }

  private static String pending(String requestId, Key key, long ts) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"deviceId\":\""
        + key.id
        + "\",\"publicKey\":\""
        + key.raw
        + "\",\"platform\":\"linux\",\"clientId\":\"gateway-client\",\"clientMode\":\"backend\","
        + "\"role\":\"operator\",\"roles\":[\"operator\"],"
        + "\"scopes\":[\"operator.read\",\"operator.write\"],\"remoteIp\":\"10.250.0.1\","
        + "\"silent\":false,\"isRepair\":false,\"ts\":"
        + ts
        + "}";
  }

  private static String paired(Key key) {
    return "{\"deviceId\":\""
        + key.id
        + "\",\"publicKey\":\""
        + key.raw
        + "\",\"role\":\"operator\",\"roles\":[\"operator\"],"
        + "\"scopes\":[\"operator.read\",\"operator.write\"],"
        + "\"tokens\":[{\"role\":\"operator\",\"scopes\":[\"operator.read\",\"operator.write\"]}]}";
  }

  /** An Ed25519 key as the control plane holds it: id = hex SHA-256 of the raw key. */
  private record Key(String id, String raw, byte[] rawBytes, byte[] spki) {
    static Key generate() {
      try {
        byte[] spki =
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        return new Key(id, Base64.getUrlEncoder().withoutPadding().encodeToString(raw), raw, spki);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The CLI in the pod, answering from a script; records every command line. */
  private static final class ScriptedCli implements PodCommands {
    final List<List<String>> calls = new ArrayList<>();
    private final Deque<Result> answers = new ArrayDeque<>();
    private Result repeated;

    void answer(int exit, String stdout) {
      answer(exit, stdout, "");
    }

    void answer(int exit, String stdout, String stderr) {
      answers.add(new Result(exit, stdout, stderr));
    }

    void repeat(int exit, String stdout) {
      repeated = new Result(exit, stdout, "");
    }

    @Override
    public Result run(
        String namespace, String pod, String container, List<String> argv, Duration timeout) {
      assertThat(container).isEqualTo("openclaw");
      calls.add(argv);
      if (!answers.isEmpty()) {
        return answers.poll();
      }
      if (repeated != null) {
        return repeated;
      }
      throw new AssertionError("unexpected command " + argv);
    }
  }
}
