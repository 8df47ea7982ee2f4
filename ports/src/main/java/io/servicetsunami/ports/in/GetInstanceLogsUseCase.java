package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/** The gateway's recent log lines. */
public interface GetInstanceLogsUseCase {

  int MAX_TAIL = 5000;

  /**
   * @param tail 1 to {@link #MAX_TAIL}
   * @throws NotFoundException {@code instance_not_found}
   * @throws InvalidInputException {@code invalid_input} for a tail out of range
   * @throws ConflictException {@code invalid_transition} while the instance is being provisioned or
   *     destroyed and has no gateway to read from
   */
  List<String> logs(TenantId tenant, InstanceId id, int tail);
}
