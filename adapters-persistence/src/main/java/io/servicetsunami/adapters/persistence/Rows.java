package io.servicetsunami.adapters.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Small conversions shared by the entities' mappings. */
final class Rows {

  private Rows() {}

  /**
   * {@code instant} at PostgreSQL's precision. The driver would round nanoseconds to the nearest
   * microsecond; truncating here instead means a stored value reads back exactly as written.
   */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static Instant micros(Optional<Instant> instant) {
    return micros(instant.orElse(null));
  }
}
