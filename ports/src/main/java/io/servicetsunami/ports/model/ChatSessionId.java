package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies an imported chat session (conversation). */
public record ChatSessionId(UUID value) {

  public ChatSessionId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static ChatSessionId parse(String text) {
    return new ChatSessionId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
