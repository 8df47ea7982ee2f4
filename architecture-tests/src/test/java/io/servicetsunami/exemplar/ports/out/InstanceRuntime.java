package io.servicetsunami.exemplar.ports.out;

import io.servicetsunami.exemplar.ports.model.InstanceId;

public interface InstanceRuntime {
  void scale(InstanceId id, int replicas);
}
