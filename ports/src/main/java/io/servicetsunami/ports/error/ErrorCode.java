package io.servicetsunami.ports.error;

import java.util.Locale;

/**
 * Stable, machine-readable error codes. The wire form ({@link #code()}) appears in HTTP problem
 * documents and Temporal failures; clients may switch on it, so a code is never renamed or reused.
 */
public enum ErrorCode {
  // not found
  TENANT_NOT_FOUND,
  USER_NOT_FOUND,
  AGENT_NOT_FOUND,
  TASK_NOT_FOUND,
  INSTANCE_NOT_FOUND,
  SKILL_NOT_FOUND,
  SKILL_CONFIG_NOT_FOUND,
  DATASET_NOT_FOUND,
  PIPELINE_NOT_FOUND,
  PIPELINE_RUN_NOT_FOUND,
  CHAT_SESSION_NOT_FOUND,
  WORKFLOW_NOT_FOUND,
  RELEASE_NOT_FOUND,

  // conflict
  INVALID_TRANSITION,
  CONCURRENT_MODIFICATION,
  ALREADY_EXISTS,
  INSTANCE_ALREADY_EXISTS,
  RELEASE_NAME_COLLISION,
  INSTANCE_NOT_RUNNING,
  NO_AGENT_AVAILABLE,

  // invalid input
  INVALID_INPUT,
  UNSUPPORTED_FORMAT,

  // forbidden / authentication
  FORBIDDEN,
  UNAUTHENTICATED,
  INVALID_CREDENTIALS,
  SKILL_DISABLED,
  RATE_LIMITED,

  // transient: worth retrying later
  CIRCUIT_OPEN,
  GATEWAY_UNAVAILABLE,
  GATEWAY_TIMEOUT,
  DATABASE_UNAVAILABLE,
  WORKFLOW_ENGINE_UNAVAILABLE,
  RUNTIME_UNAVAILABLE,
  LLM_UNAVAILABLE,
  LAKEHOUSE_UNAVAILABLE,
  CONNECTOR_UNAVAILABLE,

  // permanent: retrying cannot help
  GATEWAY_REJECTED,
  GATEWAY_AUTH_FAILED,
  POD_FAILED,
  RUNTIME_FAILED,
  LLM_REJECTED,
  CONNECTOR_FAILED,
  CREDENTIAL_UNREADABLE,
  NO_AGENT_RUNTIME,
  APPROVAL_EXPIRED,
  TASK_REJECTED,
  INTERNAL;

  /** The wire form, lower snake case, e.g. {@code instance_not_found}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
