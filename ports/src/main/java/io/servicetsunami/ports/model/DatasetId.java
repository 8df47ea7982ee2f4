package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a dataset. */
public record DatasetId(UUID value) {

  public DatasetId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static DatasetId parse(String text) {
    return new DatasetId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
