package io.servicetsunami.app.wiring;

import io.servicetsunami.ports.out.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Random ids from the JDK's SecureRandom-backed version 4 UUIDs; name-based ids are version 3. */
final class UuidIdGenerator implements IdGenerator {

  @Override
  public UUID newId() {
    return UUID.randomUUID();
  }

  @Override
  public UUID idFor(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is blank");
    }
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
