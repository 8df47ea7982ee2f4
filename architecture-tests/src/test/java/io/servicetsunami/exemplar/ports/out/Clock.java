package io.servicetsunami.exemplar.ports.out;

import java.time.Instant;

public interface Clock {
  Instant now();
}
