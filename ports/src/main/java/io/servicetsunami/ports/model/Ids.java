package io.servicetsunami.ports.model;

import java.util.UUID;

final class Ids {

  private Ids() {}

  static UUID parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("id is null");
    }
    try {
      UUID parsed = UUID.fromString(text);
      // UUID.fromString accepts short forms such as "1-2-3-4-5"; only the canonical form is an id.
      if (!parsed.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException("not a canonical UUID: " + text);
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a UUID: " + text, e);
    }
  }
}
