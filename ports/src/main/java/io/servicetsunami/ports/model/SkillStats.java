package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireNonNegative;
import static io.servicetsunami.ports.model.Checks.requireUnit;

/**
 * How an agent has done with one skill or capability so far; the dispatcher prefers proven agents.
 *
 * @param proficiency running mean of evaluation scores in [0, 1]
 */
public record SkillStats(long timesUsed, long successes, double proficiency) {

  public static final SkillStats NEW = new SkillStats(0, 0, 0.5);

  public SkillStats {
    requireNonNegative(timesUsed, "timesUsed");
    requireNonNegative(successes, "successes");
    if (successes > timesUsed) {
      throw new IllegalArgumentException("successes exceed timesUsed");
    }
    requireUnit(proficiency, "proficiency");
  }

  public double successRate() {
    return timesUsed == 0 ? 0.0 : (double) successes / timesUsed;
  }
}
