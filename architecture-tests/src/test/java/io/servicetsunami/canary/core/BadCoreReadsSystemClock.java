package io.servicetsunami.canary.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/** Reads the wall clock instead of the Clock port; each call is one the rule must report. */
public final class BadCoreReadsSystemClock {
  public List<Object> readings() {
    return List.of(
        Instant.now(),
        LocalDateTime.now(),
        ZonedDateTime.now(),
        OffsetDateTime.now(),
        LocalDate.now(),
        System.currentTimeMillis(),
        System.nanoTime(),
        Clock.systemUTC());
  }
}
