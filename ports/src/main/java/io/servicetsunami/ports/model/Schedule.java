package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** When a pipeline runs by itself. Overlapping runs are skipped, never queued. */
public sealed interface Schedule {

  boolean paused();

  /**
   * A five-field crontab expression ({@code minute hour day-of-month month day-of-week}), in UTC.
   */
  record Cron(String expression, boolean paused) implements Schedule {
    public Cron {
      requireText(expression, "expression");
      if (expression.strip().split("\\s+").length != 5) {
        throw new IllegalArgumentException(
            "cron expression must have five fields (minute hour day month weekday): " + expression);
      }
    }
  }

  /** Every {@code every}, at least one minute apart. */
  record Interval(Duration every, boolean paused) implements Schedule {
    public Interval {
      requireNonNull(every, "every is null");
      if (every.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("interval must be at least one minute: " + every);
      }
    }
  }
}
