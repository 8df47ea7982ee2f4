package io.servicetsunami.adapters.temporal.workflow;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When a schedule fires next, strictly after a given instant: a pure function, so workflow code may
 * call it with {@code Workflow.currentTimeMillis()}. Cron expressions have five fields and are read
 * in UTC; intervals count from the epoch, as Temporal's interval specs do with no offset.
 */
public final class NextFire {

  private static final CronParser UNIX_CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private NextFire() {}

  static Instant after(SchedulePayload schedule, Instant now) {
    if (schedule.cron() != null) {
      ZonedDateTime from = now.atZone(ZoneOffset.UTC);
      return ExecutionTime.forCron(UNIX_CRON.parse(schedule.cron()))
          .nextExecution(from)
          .map(ZonedDateTime::toInstant)
          .filter(next -> next.isAfter(now))
          .orElseThrow(() -> new IllegalArgumentException("cron never fires: " + schedule.cron()));
    }
    long every = schedule.intervalSeconds() * 1000;
    long next = (Math.floorDiv(now.toEpochMilli(), every) + 1) * every;
    return Instant.ofEpochMilli(next);
  }

  /**
   * Checks that {@code expression} is a cron expression the fallback can run.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static void requireValidCron(String expression) {
    after(new SchedulePayload(expression, null, false), Instant.EPOCH);
  }
}
