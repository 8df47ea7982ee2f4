package io.servicetsunami.ports.out;

import java.util.UUID;

/** Where the core gets identifiers; it never calls {@link UUID} factories itself. */
public interface IdGenerator {

  /** A new, unique, random id. Never fails. */
  UUID newId();

  /**
   * The same id for the same {@code name}, every time and in every process (a name-based UUID).
   * Used where a retried step must produce the same id again, so that writing it twice stays one
   * write.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  UUID idFor(String name);
}
