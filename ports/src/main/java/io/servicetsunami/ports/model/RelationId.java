package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a knowledge-graph relation. */
public record RelationId(UUID value) {

  public RelationId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static RelationId parse(String text) {
    return new RelationId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
