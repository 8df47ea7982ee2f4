package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

/** A message to a running workflow. */
public sealed interface WorkflowSignal {

  /** A human approved the task waiting for input. */
  record Approve(UserId by) implements WorkflowSignal {
    public Approve {
      requireNonNull(by, "by is null");
    }
  }

  /** A human rejected the task waiting for input; the task fails with the reason. */
  record Reject(UserId by, String reason) implements WorkflowSignal {
    public Reject {
      requireNonNull(by, "by is null");
      requireNonNull(reason, "reason is null");
    }
  }
}
