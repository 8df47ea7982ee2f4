package io.servicetsunami.ports.model;

/** Where an imported chat export comes from. */
public enum ChatSource implements WireEnum {
  CHATGPT,
  CLAUDE;

  public static ChatSource fromWire(String wire) {
    return WireEnum.parse(ChatSource.class, wire);
  }
}
