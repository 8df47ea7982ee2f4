package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** One message of an imported conversation. */
public record ChatMessage(String role, String text, Optional<Instant> createdAt) {

  public ChatMessage {
    requireText(role, "role");
    requireNonNull(text, "text is null");
    requireOptional(createdAt, "createdAt");
  }
}
