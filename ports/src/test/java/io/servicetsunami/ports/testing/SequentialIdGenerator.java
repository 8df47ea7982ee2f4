package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.out.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deterministic ids: {@link #newId()} counts up ({@code 00000000-0000-4000-8000-000000000001},
 * {@code …002}, …), so expected values can be written down in tests; {@link #idFor(String)} is the
 * name-based UUID (version 3) of the name, the same in every process as the port requires.
 */
public final class SequentialIdGenerator implements IdGenerator {

  private long next = 1;
  private final List<UUID> issued = new ArrayList<>();

  /** The id {@link #newId()} returns on its {@code n}-th call (1-based) on a fresh generator. */
  public static UUID nth(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    return new UUID(0x4000L, 0x8000_0000_0000_0000L | n);
  }

  @Override
  public synchronized UUID newId() {
    UUID id = nth(next++);
    issued.add(id);
    return id;
  }

  @Override
  public UUID idFor(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is blank");
    }
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Every id {@link #newId()} returned so far, in order. */
  public synchronized List<UUID> issued() {
    return List.copyOf(issued);
  }
}
