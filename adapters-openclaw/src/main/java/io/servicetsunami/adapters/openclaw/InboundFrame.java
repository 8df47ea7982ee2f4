package io.servicetsunami.adapters.openclaw;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Any frame the gateway sends: a response ({@code type=res}: id, ok, payload, error) or an event
 * ({@code type=event}: event, payload, seq).
 */
record InboundFrame(
    String type,
    String id,
    Boolean ok,
    JsonNode payload,
    ErrorFrame error,
    String event,
    Long seq) {

  boolean isResponse() {
    return "res".equals(type) && id != null;
  }

  boolean isEvent() {
    return "event".equals(type) && event != null;
  }

  /** {@code payload.<field>} as text, or {@code null}. */
  String payloadText(String field) {
    if (payload == null) {
      return null;
    }
    JsonNode value = payload.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
