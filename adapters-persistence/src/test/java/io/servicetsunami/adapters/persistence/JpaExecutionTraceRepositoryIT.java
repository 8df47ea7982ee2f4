package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.ExecutionTraceRepositoryContract;
import io.servicetsunami.ports.out.ExecutionTraceRepository;

class JpaExecutionTraceRepositoryIT
    implements ExecutionTraceRepositoryContract, PostgresPrerequisites {

  @Override
  public ExecutionTraceRepository traces() {
    return db().traces();
  }
}
