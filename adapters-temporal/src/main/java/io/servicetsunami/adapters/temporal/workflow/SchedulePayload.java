package io.servicetsunami.adapters.temporal.workflow;

/** When a schedule fires: a five-field UTC cron expression or an interval, and paused or not. */
public record SchedulePayload(String cron, Long intervalSeconds, boolean paused) {}
