package io.servicetsunami.exemplar.ports.in;

import io.servicetsunami.exemplar.ports.model.InstanceId;

public interface StartInstanceUseCase {
  /** Started, or why not. */
  sealed interface Result permits Started, Rejected {}

  record Started(InstanceId id) implements Result {}

  record Rejected(String reason) implements Result {}

  Result start(InstanceId id);
}
