package io.servicetsunami.exemplar.core;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.exemplar.ports.error.NotFoundException;
import io.servicetsunami.exemplar.ports.in.StartInstanceUseCase;
import io.servicetsunami.exemplar.ports.model.Instance;
import io.servicetsunami.exemplar.ports.model.InstanceId;
import io.servicetsunami.exemplar.ports.model.InstanceStatus;
import io.servicetsunami.exemplar.ports.out.Clock;
import io.servicetsunami.exemplar.ports.out.IdGenerator;
import io.servicetsunami.exemplar.ports.out.InstanceRepository;
import io.servicetsunami.exemplar.ports.out.InstanceRuntime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Uses time and ids only through ports, and plain JDK values everywhere else. */
public final class StartInstanceService implements StartInstanceUseCase {
  private final InstanceRepository instances;
  private final InstanceRuntime runtime;
  private final Clock clock;
  private final IdGenerator ids;

  public StartInstanceService(
      InstanceRepository instances, InstanceRuntime runtime, Clock clock, IdGenerator ids) {
    this.instances = requireNonNull(instances, "instances is null");
    this.runtime = requireNonNull(runtime, "runtime is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  @Override
  public Result start(InstanceId id) {
    Instance instance =
        instances.find(id).orElseThrow(() -> new NotFoundException("instance " + id.value()));
    if (!instance.status().canMoveTo(InstanceStatus.RUNNING)) {
      return new Rejected(describe(instance.status()));
    }
    runtime.scale(id, 1);
    instances.save(
        new Instance(
            id,
            InstanceStatus.RUNNING,
            clock.now().plus(Duration.ofSeconds(1)),
            Arrays.copyOf(instance.ports(), instance.ports().length)));
    return new Started(new InstanceId(ids.next().toString()));
  }

  static Map<InstanceStatus, String> labels() {
    return Arrays.stream(InstanceStatus.values())
        .collect(Collectors.toMap(status -> status, StartInstanceService::describe));
  }

  // An enum switch compiles to a synthetic $SwitchMap class, which must count as core code.
  private static String describe(InstanceStatus status) {
    switch (status) {
      case RUNNING:
        return "already running";
      case ERROR:
        return "failed";
      default:
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
