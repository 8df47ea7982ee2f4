package io.servicetsunami.adapters.persistence.vault;

import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The plaintext inside a Fernet token: the secret bound to its tenant, or a legacy secret of the
 * original system.
 *
 * <pre>
 * bound:  0xFF ‖ 0x01 ‖ tenant UUID (16 bytes: most then least significant half, big-endian)
 *              ‖ secret as UTF-8
 * legacy: secret as UTF-8 (what the Python system encrypted: {@code value.encode()})
 * </pre>
 *
 * <p>The byte 0xFF never occurs in well-formed UTF-8 (RFC 3629), and legacy plaintexts are
 * well-formed UTF-8 (Python's strict {@code str.encode()} cannot write anything else), so a first
 * byte of 0xFF means "envelope" and anything else means "legacy", with no ambiguity. The second
 * byte is the envelope's format version, so that a later format (say, one that also binds the
 * skill) can be told apart; an unknown version is unreadable. Neither form is JSON on purpose: a
 * legacy secret may itself be JSON (a service-account file), which a JSON envelope could be
 * confused with.
 */
final class CredentialEnvelope {

  static final byte MAGIC = (byte) 0xFF;
  static final byte FORMAT_V1 = 0x01;
  private static final int V1_HEADER = 2 + 16;

  /** What an envelope says after decryption. */
  sealed interface Content permits Bound, Legacy {
    Secret secret();
  }

  /** Written by this system: readable only for {@code tenant}. */
  record Bound(TenantId tenant, Secret secret) implements Content {}

  /** Written by the original system: carries no tenant. */
  record Legacy(Secret secret) implements Content {}

  private CredentialEnvelope() {}

  static byte[] seal(TenantId tenant, Secret secret) {
    byte[] value = secret.reveal().getBytes(StandardCharsets.UTF_8);
    UUID id = tenant.value();
    ByteBuffer envelope = ByteBuffer.allocate(V1_HEADER + value.length);
    envelope.put(MAGIC).put(FORMAT_V1);
    envelope.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    envelope.put(value);
    Arrays.fill(value, (byte) 0);
    return envelope.array();
  }

  /**
   * Reads a decrypted plaintext.
   *
   * @throws io.servicetsunami.ports.error.PermanentException {@code credential_unreadable} for an
   *     unknown envelope version, a truncated envelope, a secret that is not UTF-8, or an empty one
   */
  static Content open(byte[] plaintext) {
    if (plaintext.length > 0 && plaintext[0] == MAGIC) {
      if (plaintext.length < 2 || plaintext[1] != FORMAT_V1) {
        throw FernetToken.unreadable("unknown credential envelope version");
      }
      if (plaintext.length <= V1_HEADER) {
        throw FernetToken.unreadable("credential envelope is truncated");
      }
      ByteBuffer header = ByteBuffer.wrap(plaintext, 2, 16);
      TenantId tenant = new TenantId(new UUID(header.getLong(), header.getLong()));
      return new Bound(tenant, utf8(plaintext, V1_HEADER));
    }
    return new Legacy(utf8(plaintext, 0));
  }

  private static Secret utf8(byte[] bytes, int offset) {
    if (bytes.length == offset) {
      throw FernetToken.unreadable("credential is empty");
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
      return Secret.of(chars.toString());
    } catch (CharacterCodingException e) {
      // Replacing bad bytes would hand on a silently different credential.
      throw FernetToken.unreadable("credential is not UTF-8 text");
    }
  }
}
