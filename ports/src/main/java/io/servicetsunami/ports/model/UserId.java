package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a user of a tenant. */
public record UserId(UUID value) {

  public UserId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static UserId parse(String text) {
    return new UserId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
