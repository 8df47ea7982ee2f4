package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies an agent task. */
public record TaskId(UUID value) {

  public TaskId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static TaskId parse(String text) {
    return new TaskId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
