package io.servicetsunami.ports.model;

/** How a skill runs on the gateway. */
public enum SkillKind implements WireEnum {
  /** A skill that dispatches straight to its tool ({@code chat.send "/<skill> <args>"}). */
  TOOL_DISPATCH,
  /** A skill the gateway's agent runs with an LLM ({@code agent}). */
  LLM,
  /** A single gateway tool ({@code tools.invoke}). */
  TOOL;

  public static SkillKind fromWire(String wire) {
    return WireEnum.parse(SkillKind.class, wire);
  }
}
