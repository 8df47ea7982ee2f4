package io.servicetsunami.adapters.local;

import io.servicetsunami.ports.contract.InstanceRuntimeContract;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The instance runtime contract against real local gateways (one at a time). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalInstanceRuntimeContractIT implements InstanceRuntimeContract {

  private LocalInstanceRuntime runtime;

  @BeforeAll
  void startRuntime() {
    runtime = new LocalInstanceRuntime(RealGateways.settings());
  }

  @AfterAll
  void removeBase() {
    if (runtime != null) {
      RealGateways.deleteTree(runtime.settings().baseDirectory());
    }
  }

  @Override
  public InstanceRuntime runtime() {
    return runtime;
  }

  @Override
  public InstanceSpec newSpec(TenantId tenant) {
    return RealGateways.spec(tenant);
  }

  @Override
  public Duration readyTimeout() {
    return Duration.ofMinutes(3);
  }
}
