package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a data pipeline. */
public record PipelineId(UUID value) {

  public PipelineId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static PipelineId parse(String text) {
    return new PipelineId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
