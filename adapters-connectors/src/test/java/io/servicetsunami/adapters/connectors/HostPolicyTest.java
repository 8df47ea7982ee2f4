package io.servicetsunami.adapters.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

  private final HostPolicy defaults = HostPolicy.defaults();
  private final HostPolicy everything =
      HostPolicy.builder().allowLoopback(true).allowLinkLocal(true).build();

  @ParameterizedTest
  @CsvSource({
    "169.254.169.254, cloud metadata",
    "169.254.170.2, cloud metadata",
    "[fd00:ec2::254], cloud metadata",
    "100.100.100.200, cloud metadata",
    "168.63.129.16, cloud metadata",
    "metadata.google.internal, cloud metadata",
    "METADATA.GOOGLE.INTERNAL., cloud metadata",
    "metadata, cloud metadata",
    "::ffff:169.254.169.254, cloud metadata",
    "64:ff9b::a9fe:a9fe, cloud metadata",
    "0.0.0.0, unspecified",
    "::, unspecified",
    "224.0.0.1, multicast",
  })
  void refusesMetadataServicesAndUnroutableAddressesWhateverIsAllowed(String host, String why) {
    assertThatThrownBy(() -> everything.check(host))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_FAILED))
        .hasMessageContaining("is refused by the host policy")
        .hasMessageContaining(why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.1.1", "fe80::1", "[fe80::abcd:1]", "fe80::1%1"})
  void refusesLinkLocalByDefault(String host) {
    assertThatThrownBy(() -> defaults.check(host)).hasMessageContaining("link-local");
  }

  @Test
  void allowsLinkLocalOnlyWhenConfigured() {
    assertThatCode(() -> everything.check("169.254.1.1")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "localhost"})
  void refusesLoopbackUnlessConfigured(String host) {
    assertThatThrownBy(() -> defaults.check(host)).hasMessageContaining("loopback");
    assertThatCode(() -> everything.check(host)).doesNotThrowAnyException();
  }

  @Test
  void allowsPrivateNetworksUnlessTurnedOff() {
    assertThatCode(() -> defaults.check("10.1.2.3")).doesNotThrowAnyException();
    assertThatCode(() -> defaults.check("fd12:3456::1")).doesNotThrowAnyException();
    HostPolicy publicOnly = HostPolicy.builder().allowPrivateNetworks(false).build();
    for (String host : List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd12::1")) {
      assertThatThrownBy(() -> publicOnly.check(host)).hasMessageContaining("private-network");
    }
  }

  @Test
  void honoursDenyAndAllowLists() {
    HostPolicy listed =
        HostPolicy.builder()
            .allowLoopback(true)
            .allowOnly(List.of("127.0.0.0/24", "*.corp.example"))
            .deny(List.of("127.0.0.9", "bad.corp.example", "10.0.0.0/8"))
            .build();

    assertThatCode(() -> listed.check("127.0.0.1")).doesNotThrowAnyException();
    assertThatThrownBy(() -> listed.check("127.0.0.9")).hasMessageContaining("deny list");
    assertThatThrownBy(() -> listed.check("127.0.1.1"))
        .hasMessageContaining("not on the allow list");
    assertThatThrownBy(() -> listed.check("bad.corp.example")).hasMessageContaining("deny list");
    assertThatThrownBy(() -> listed.check("10.9.9.9")).hasMessageContaining("deny list");
  }

  @Test
  void checksTheAddressAConnectionIsAboutToUse() throws Exception {
    assertThatThrownBy(() -> defaults.checkAddress(InetAddress.getByName("127.0.0.1")))
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> everything.checkAddress(InetAddress.getByName("169.254.169.254")))
        .hasMessageContaining("metadata");
    assertThatCode(() -> defaults.checkAddress(InetAddress.getByName("10.0.0.5")))
        .doesNotThrowAnyException();
  }

  @Test
  void readsTheEnvironment() {
    HostPolicy configured =
        HostPolicy.fromEnvironment(
            Map.of(
                "CONNECTOR_ALLOW_LOOPBACK", "true",
                "CONNECTOR_DENIED_HOSTS", " 127.0.0.2 , 10.0.0.0/8"));

    assertThatCode(() -> configured.check("127.0.0.1")).doesNotThrowAnyException();
    assertThatThrownBy(() -> configured.check("127.0.0.2")).hasMessageContaining("deny list");
    assertThatThrownBy(() -> HostPolicy.fromEnvironment(Map.of()).check("127.0.0.1"))
        .hasMessageContaining("loopback");
  }
}
