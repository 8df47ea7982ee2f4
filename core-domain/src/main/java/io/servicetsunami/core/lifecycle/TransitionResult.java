package io.servicetsunami.core.lifecycle;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;

/**
 * The outcome of asking a state machine to move from one state to another: a rejection is a value
 * with a reason, not an exception, so callers decide what it means for them.
 */
public sealed interface TransitionResult<S extends Enum<S>> {

  S from();

  S to();

  /** The transition is legal. */
  record Applied<S extends Enum<S>>(S from, S to) implements TransitionResult<S> {
    public Applied {
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
    }
  }

  /** The transition is illegal; nothing may change. */
  record Rejected<S extends Enum<S>>(S from, S to, String reason) implements TransitionResult<S> {
    public Rejected {
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
      requireNonNull(reason, "reason is null");
    }
  }

  default boolean applied() {
    return this instanceof Applied;
  }

  /**
   * Returns normally if applied; otherwise throws the conflict an API reports for an illegal
   * transition.
   */
  default void orThrow() {
    if (this instanceof Rejected<S> rejected) {
      throw new ConflictException(ErrorCode.INVALID_TRANSITION, rejected.reason());
    }
  }
}
