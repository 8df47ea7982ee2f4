package io.servicetsunami.adapters.openclaw;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.InstanceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIdentityTest {

  @TempDir Path keys;

  @Test
  void deviceIdIsTheHexSha256OfTheRawPublicKey() throws Exception {
    DeviceIdentity identity = DeviceIdentity.generate();

    byte[] raw = Base64.getUrlDecoder().decode(identity.publicKey());

    assertThat(raw).hasSize(32);
    assertThat(identity.publicKey()).doesNotContain("=", "+", "/");
    assertThat(identity.deviceId())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
  }

  @Test
  void v3PayloadJoinsTheFieldsInTheGatewaysOrder() {
    String payload =
        DeviceIdentity.v3Payload(
            "dev",
            "gateway-client",
            "backend",
            "operator",
            List.of("operator.read", "operator.write"),
            1795782377619L,
            "test-token-123",
            "nonce-1",
            " Linux ",
            null);

    assertThat(payload)
        .isEqualTo(
            "v3|dev|gateway-client|backend|operator|operator.read,operator.write|1795782377619"
                + "|test-token-123|nonce-1|linux|");
  }

  @Test
  void signatureVerifiesWithTheRawPublicKey() throws Exception {
    DeviceIdentity identity = DeviceIdentity.generate();
    String payload = "v3|x|y";

    byte[] raw = Base64.getUrlDecoder().decode(identity.publicKey());
    byte[] spki =
        HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    verifier.update(payload.getBytes(UTF_8));

    assertThat(verifier.verify(Base64.getUrlDecoder().decode(identity.sign(payload)))).isTrue();
  }

  @Test
  void keyPairIsKeptPerInstanceSoTheDeviceIdIsStable() throws Exception {
    InstanceId instance = new InstanceId(UUID.randomUUID());
    InstanceId other = new InstanceId(UUID.randomUUID());

    String first = new DeviceIdentityStore(Optional.of(keys)).forInstance(instance).deviceId();
    String again = new DeviceIdentityStore(Optional.of(keys)).forInstance(instance).deviceId();
    String otherId = new DeviceIdentityStore(Optional.of(keys)).forInstance(other).deviceId();

    assertThat(again).isEqualTo(first);
    assertThat(otherId).isNotEqualTo(first);
    Path file = keys.resolve(instance + ".device");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void withoutADirectoryIdentitiesLiveAsLongAsTheStore() {
    DeviceIdentityStore store = new DeviceIdentityStore(Optional.empty());
    InstanceId instance = new InstanceId(UUID.randomUUID());

    assertThat(store.forInstance(instance).deviceId())
        .isEqualTo(store.forInstance(instance).deviceId());
  }
}
