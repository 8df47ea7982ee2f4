package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies an agent of a tenant. */
public record AgentId(UUID value) {

  public AgentId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static AgentId parse(String text) {
    return new AgentId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
