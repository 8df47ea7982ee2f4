package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a tenant, the unit of isolation. */
public record TenantId(UUID value) {

  public TenantId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static TenantId parse(String text) {
    return new TenantId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
