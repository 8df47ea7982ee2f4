package io.servicetsunami.canary.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Makes its own ids and random numbers instead of using the IdGenerator port. */
public final class BadCoreGeneratesRandomness {
  public List<Object> values() {
    return List.of(
        UUID.randomUUID(),
        UUID.nameUUIDFromBytes("task".getBytes(StandardCharsets.UTF_8)),
        Math.random(),
        new Random().nextInt(),
        ThreadLocalRandom.current().nextInt(),
        new SecureRandom().nextInt());
  }
}
