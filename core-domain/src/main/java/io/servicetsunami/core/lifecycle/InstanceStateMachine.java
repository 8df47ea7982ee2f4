package io.servicetsunami.core.lifecycle;

import static io.servicetsunami.ports.model.InstanceStatus.DESTROYING;
import static io.servicetsunami.ports.model.InstanceStatus.ERROR;
import static io.servicetsunami.ports.model.InstanceStatus.PROVISIONING;
import static io.servicetsunami.ports.model.InstanceStatus.RUNNING;
import static io.servicetsunami.ports.model.InstanceStatus.STOPPED;
import static io.servicetsunami.ports.model.InstanceStatus.UPGRADING;
import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.InstanceStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal moves of a tenant instance:
 *
 * <pre>
 * (none) → provisioning → running ⇄ stopped        running → upgrading → running
 *               │            │                     any → destroying → (deleted)
 *               └──→ error ←─┘                     error → upgrading (retry with a version)
 * </pre>
 *
 * A failed destroy leaves the instance in {@code error}, from where destroy can be asked again.
 */
public final class InstanceStateMachine {

  private static final Map<InstanceStatus, Set<InstanceStatus>> LEGAL =
      new EnumMap<>(InstanceStatus.class);

  static {
    LEGAL.put(PROVISIONING, EnumSet.of(RUNNING, ERROR, DESTROYING));
    LEGAL.put(RUNNING, EnumSet.of(STOPPED, UPGRADING, ERROR, DESTROYING));
    LEGAL.put(STOPPED, EnumSet.of(RUNNING, ERROR, DESTROYING));
    LEGAL.put(UPGRADING, EnumSet.of(RUNNING, ERROR, DESTROYING));
    LEGAL.put(ERROR, EnumSet.of(UPGRADING, DESTROYING));
    LEGAL.put(DESTROYING, EnumSet.of(ERROR));
  }

  private InstanceStateMachine() {}

  /** The state every new instance starts in. */
  public static InstanceStatus initial() {
    return PROVISIONING;
  }

  public static TransitionResult<InstanceStatus> transition(
      InstanceStatus from, InstanceStatus to) {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (LEGAL.get(from).contains(to)) {
      return new TransitionResult.Applied<>(from, to);
    }
    String reason =
        from == to
            ? "instance is already " + from.wire()
            : "an instance cannot move from " + from.wire() + " to " + to.wire();
    return new TransitionResult.Rejected<>(from, to, reason);
  }
}
