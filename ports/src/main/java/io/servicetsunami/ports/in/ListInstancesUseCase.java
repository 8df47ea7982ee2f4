package io.servicetsunami.ports.in;

import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import java.util.List;

/** The tenant's instances. */
public interface ListInstancesUseCase {

  /** Zero or one instance. */
  List<TenantInstance> list(TenantId tenant);
}
