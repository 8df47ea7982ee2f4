package io.servicetsunami.ports.in;

import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Page;
import java.util.List;
import java.util.Optional;

/** The tenant's tasks. */
public interface ListTasksUseCase {

  /** Tasks of the tenant, optionally of one status, newest first. */
  List<AgentTask> list(TenantId tenant, Optional<TaskStatus> status, Page page);
}
