package io.servicetsunami.adapters.local;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing decisions over scripted CLI answers (the real CLI runs in LocalInstanceRuntimeIT). */
class LocalDevicePairingTest {

  private static final String KEY = "n5y2mQEg8Yslzo4gI4MVLIlUhIVva8rv071MGEk35u0";
  private final List<List<String>> calls = new ArrayList<>();

  private LocalDevicePairing pairing(String listing, String approval) {
    return new LocalDevicePairing(
        arguments -> {
          calls.add(arguments);
          return arguments.get(1).equals("list")
              ? new Commands.Result(0, "warning\n" + listing, "", false)
              : new Commands.Result(0, approval, "", false);
        },
        Duration.ofMillis(200),
        Duration.ofMillis(50));
  }

  @Test
  void approvesExactlyThePendingRequestOfTheDevice() {
    LocalDevicePairing pairing =
        pairing(
            "{\"pending\":[{\"requestId\":\"r-1\",\"deviceId\":\"dev\",\"publicKey\":\""
                + KEY
                + "\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"ts\":1}],\"paired\":[]}",
            "{\"requestId\":\"r-1\",\"device\":{\"deviceId\":\"dev\"}}");

    LocalDevicePairing.Approval approval = pairing.approve("rel", "dev", KEY);

    assertThat(approval.outcome()).isEqualTo(LocalDevicePairing.Outcome.APPROVED);
    assertThat(calls)
        .containsExactly(
            List.of("devices", "list", "--json"), List.of("devices", "approve", "r-1", "--json"));
  }

  @Test
  void aPairedDeviceNeedsNothing() {
    LocalDevicePairing pairing =
        pairing(
            "{\"pending\":[],\"paired\":[{\"deviceId\":\"dev\",\"publicKey\":\"" + KEY + "\"}]}",
            "");

    assertThat(pairing.approve("rel", "dev", KEY).outcome())
        .isEqualTo(LocalDevicePairing.Outcome.ALREADY_PAIRED);
  }

  @Test
  void aRequestWithAnotherKeyIsRefused() {
    LocalDevicePairing pairing =
        pairing(
            "{\"pending\":[{\"requestId\":\"r-1\",\"deviceId\":\"dev\",\"publicKey\":\""
                + "B".repeat(43)
                + "\"}]}",
            "");

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> pairing.approve("rel", "dev", KEY));
  }

  @Test
  void noRequestWithinTheWaitIsRetryable() {
    LocalDevicePairing pairing = pairing("{\"pending\":[],\"paired\":[]}", "");

    assertPortError(
        TransientException.class,
        ErrorCode.RUNTIME_UNAVAILABLE,
        () -> pairing.approve("rel", "dev", KEY));
  }
}
