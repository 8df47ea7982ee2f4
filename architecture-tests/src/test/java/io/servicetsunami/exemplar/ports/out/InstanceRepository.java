package io.servicetsunami.exemplar.ports.out;

import io.servicetsunami.exemplar.ports.model.Instance;
import io.servicetsunami.exemplar.ports.model.InstanceId;
import java.util.Optional;

public interface InstanceRepository {
  Optional<Instance> find(InstanceId id);

  void save(Instance instance);
}
