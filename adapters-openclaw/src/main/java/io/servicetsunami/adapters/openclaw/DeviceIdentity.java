package io.servicetsunami.adapters.openclaw;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The control plane's Ed25519 device identity towards one gateway. The device id is the lower-case
 * hex SHA-256 of the raw 32-byte public key; the public key travels as base64url without padding;
 * the signature covers the gateway's v3 string (see {@link #v3Payload}).
 */
final class DeviceIdentity {

  /** The X.509 (SPKI) encoding of an Ed25519 key is this 12-byte prefix and the raw 32 bytes. */
  private static final int SPKI_PREFIX_LENGTH = 12;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final KeyPair keys;
  private final String deviceId;
  private final String publicKey;

  DeviceIdentity(KeyPair keys) {
    this.keys = keys;
    byte[] spki = keys.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, SPKI_PREFIX_LENGTH, spki.length);
    if (raw.length != 32) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    this.publicKey = BASE64URL.encodeToString(raw);
    try {
      this.deviceId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static DeviceIdentity generate() {
    try {
      return new DeviceIdentity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  /** Restores an identity from its PKCS#8 private and X.509 public encodings. */
  static DeviceIdentity fromEncoded(byte[] pkcs8PrivateKey, byte[] x509PublicKey) {
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      return new DeviceIdentity(
          new KeyPair(
              factory.generatePublic(new X509EncodedKeySpec(x509PublicKey)),
              factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8PrivateKey))));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 key pair", e);
    }
  }

  byte[] encodedPrivateKey() {
    return keys.getPrivate().getEncoded();
  }

  byte[] encodedPublicKey() {
    return keys.getPublic().getEncoded();
  }

  String deviceId() {
    return deviceId;
  }

  /** The raw public key, base64url without padding. */
  String publicKey() {
    return publicKey;
  }

  /** Signs the UTF-8 bytes of {@code payload}; base64url without padding. */
  String sign(String payload) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(payload.getBytes(UTF_8));
      return BASE64URL.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519", e);
    }
  }

  /**
   * The string a v3 device signature covers: {@code
   * v3|deviceId|clientId|clientMode|role|scopes,|signedAt|token|nonce|platform|deviceFamily}, with
   * platform and device family trimmed and ASCII-lower-cased.
   */
  static String v3Payload(
      String deviceId,
      String clientId,
      String clientMode,
      String role,
      List<String> scopes,
      long signedAt,
      String token,
      String nonce,
      String platform,
      String deviceFamily) {
    return String.join(
        "|",
        "v3",
        deviceId,
        clientId,
        clientMode,
        role,
        String.join(",", scopes),
        Long.toString(signedAt),
        token == null ? "" : token,
        nonce,
        normalize(platform),
        normalize(deviceFamily));
  }

  private static String normalize(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
