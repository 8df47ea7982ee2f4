package io.servicetsunami.app.wiring;

import io.servicetsunami.ports.out.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, held back so that it never goes backwards when the wall clock is adjusted. */
final class SystemClock implements Clock {

  private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

  @Override
  public Instant now() {
    Instant wall = Instant.now();
    return last.accumulateAndGet(
        wall, (previous, next) -> next.isAfter(previous) ? next : previous);
  }
}
