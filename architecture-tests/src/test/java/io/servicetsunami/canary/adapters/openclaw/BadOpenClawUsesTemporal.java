package io.servicetsunami.canary.adapters.openclaw;

import io.temporal.activity.Activity;

/** The gateway adapter depending on the workflow engine. */
public final class BadOpenClawUsesTemporal {
  public String activityId() {
    return Activity.getExecutionContext().getInfo().getActivityId();
  }
}
