package io.servicetsunami.core.task;

import io.servicetsunami.ports.model.WireEnum;

/**
 * The kinds of agent runtime step 3 of a task ({@code execute_task}) can run on. Configuration and
 * traces name them by their wire form ({@code adk}, {@code openclaw}).
 */
public enum AgentRuntimeKind implements WireEnum {
  /** An ADK API server shared by the deployment. */
  ADK,
  /** The tenant's own OpenClaw agent, on the gateway of its running instance. */
  OPENCLAW;

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static AgentRuntimeKind fromWire(String wire) {
    return WireEnum.parse(AgentRuntimeKind.class, wire);
  }
}
